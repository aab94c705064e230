"""The measure words a figure may carry, as data: what counts as a quantity's unit.

Two kinds matter to the reading.  A *measure* (currency, area, length, weight,
energy, power, time, per cent) makes a figure of any numeral before it:
``一年``, ``十平方公里``.  A *counter* (个, 项, 家, 人 …) does only after a written
figure (``3个``, ``二十余项``): after a lone Chinese digit it is as often a word or
a slogan (``一个``, ``两个维护``, ``五位一体``) as a count.
"""

from __future__ import annotations

import re
from typing import Any

COUNTERS: tuple[str, ...] = (
    # things and events
    "个", "個", "项", "項", "件", "篇", "场次", "場次", "场", "場", "所", "期", "条", "條", "辆", "輛", "座",
    "套", "张", "張", "部", "批", "支", "台", "臺", "处", "處", "起", "份", "种", "種", "类", "類", "只", "隻",
    "头", "頭", "棵", "株", "本", "册", "冊", "栋", "棟", "间", "間", "层", "層", "块", "塊", "根", "枚",
    "艘", "架", "列", "趟", "班", "轮", "輪", "宗", "例", "笔", "筆", "款", "门", "門", "口",
    "组", "組", "队", "隊", "网点", "站", "所次", "批次", "轮次", "輪次",
    # (届 is left out: 十八届 after 党的 is an ordinal as often as a count)
    # people, households, firms, and the visits they make
    "人次", "家次", "架次", "艘次", "户次", "戶次", "车次", "車次", "班次", "列次", "次",
    "名", "位", "人", "户", "戶", "家",
)

MEASURES: tuple[str, ...] = (
    # currency
    "元", "圆", "圓", "美元", "欧元", "歐元", "港元", "港币", "港幣", "日元", "英镑", "英鎊", "人民币", "人民幣",
    "新台币", "新臺幣", "台币", "臺幣",
    # area, length, volume, weight
    "平方公里", "平方千米", "平方米", "平方英尺", "公顷", "公頃", "亩", "畝", "坪",
    "公里", "千米", "海里", "英里", "米", "厘米", "毫米",
    "立方米", "升", "毫升",
    "吨", "噸", "公吨", "公噸", "公斤", "千克", "克", "斤",
    # energy and power
    "千瓦时", "千瓦時", "度电", "度電", "吨标准煤", "噸標準煤", "标准煤",
    "千瓦", "兆瓦", "吉瓦", "瓦时", "瓦時", "瓦", "千伏", "伏",
    # time: a duration is a quantity (66年, 10.5年)
    "年", "个月", "個月", "个工作日", "個工作日", "工作日", "天", "小时", "小時", "分钟", "分鐘", "秒",
    "周年", "週年", "周岁", "周歲", "周", "週", "星期", "季度", "载", "載", "岁", "歲",
    # shares
    "个百分点", "個百分點", "百分点", "百分點", "%", "％", "‰", "倍",
)

#: ``个百分点`` is recorded as ``百分点``, as ``个工作日`` is a ``工作日``: the 个 only counts them.
CANONICAL: dict[str, str] = {
    "个百分点": "百分点", "個百分點": "百分點", "个工作日": "工作日", "個工作日": "工作日", "％": "%",
}

#: A counter that opens a word with the next character is that word, not a unit: 2023台湾青年
#: is a year and a word, 500人民 a number and a word.
WORD_STARTS: frozenset[str] = frozenset((
    "台湾", "台灣", "台阶", "台階", "台胞", "台商", "台企", "台青", "台资", "台資", "台港", "台办", "台辦",
    "台属", "台屬",
    "人民", "人才", "人类", "人類", "人大", "人员", "人員", "人生", "人心", "人文", "人社", "人居", "人工",
    "家庭", "家乡", "家鄉", "家长", "家長", "家属", "家屬", "家园", "家園", "家政", "家风", "家風",
    "部门", "部門", "部分", "部署", "部队", "部隊", "部长", "部長",
    "条件", "條件", "条例", "條例", "条款", "條款", "项目", "項目", "期间", "期間", "期限", "期末",
    "所有", "所在", "所得", "所属", "所屬", "处理", "處理", "处置", "處置", "名称", "名稱", "名单", "名單", "名义",
    "名義", "场所", "場所", "支持", "支撑", "支撐", "支付", "支出", "位于", "位於", "位置", "起来", "起來", "起草",
    "户籍", "戶籍", "户口", "戶口", "次要", "批准", "批复", "批覆", "座谈", "座談", "天然", "天津", "周边", "週邊",
    "个人", "個人", "个体", "個體", "年轻", "年輕", "年龄", "年齡", "年度", "年代", "年级", "年級", "年初", "年底",
    "年末", "年计", "年計", "年规", "年規",  # 五年计划, 五年规划: a plan's name, as “十四五” is
    "口岸", "门户", "門戶", "班子", "队伍", "隊伍", "类型", "類型", "本地",
    "本着", "块头", "站点", "站點", "组织", "組織", "种植", "種植", "届时", "屆時", "轮流", "輪流",
))


def alternation(words: tuple[str, ...]) -> str:
    """A regular expression for any of ``words``, the longest where several match (人次 over 人).

    The words share their first characters (平方公里, 平方米), so they are written as a tree:
    one branch per first character instead of a hundred and more literals tried in turn.
    """
    tree: dict[str, Any] = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body
