"""The document's metadata: the 公文 elements of GB/T 9704-2012 it shows, and the year and place of its title."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .annotation import Annotation, in_order, read_int
from .citations import docnumbers
from .compiled import on_first_use
from .dates import YEAR, DateReader
from .frontmatter import fields

_TITLE_YEAR = re.compile(rf"(?P<y>{YEAR})\s*年")
_PLACE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{1,8}(?:自治区|自治州|特别行政区|省|市|县|縣|区|區|州|盟|旗|镇|鎮|乡|鄉))"
)
_organ = on_first_use(
    r"政府|部门|部門|单位|單位|委员会|委員會|局|厅|廳|办|辦|机构|機構|公司|学校|學校|党委|黨委|机关|機關|街道|乡镇|鄉鎮"
)
_RECIPIENT = re.compile(r"(?P<field>受\s*文\s*者|正\s*本)\s*[：:]\s*(?P<who>.{1,80})$")
#: Headings of a 公文's parts that end with a colon as an addressee does (辦法：, 說明：).
_LABELS = frozenset(
    ("辦法", "办法", "說明", "说明", "主旨", "附件", "正本", "副本", "擬辦", "拟办", "公告事項", "公告事项")
)
_REPORT = re.compile(r"工作报告|工作報告")
#: How many top-level blocks at each end of the document are looked at for the 公文 elements.
_ENDS = 25


def document_year(title: str | None) -> int | None:
    """The year the title names (``2023年广州市…`` → 2023)."""
    if title is None:
        return None
    m = _TITLE_YEAR.search(title)
    return read_int(m.group("y")) if m else None


def reports_on_year(title: str | None) -> bool:
    """Whether the document reports on the year it names (a summary) rather than on the years before
    it (a 政府工作报告, given at the start of its year): where 过去五年 ends."""
    return title is None or not _REPORT.search(title)


def document_meta(title: str | None, kinds: Sequence[str], text_of: Callable[[int], str]) -> dict[str, Any]:
    """The 公文 elements found among the top-level blocks, and the title's year and place.

    ``kinds`` are the top-level blocks' kinds and ``text_of(i)`` the text of the ``i``-th: a text is
    made only where it is read, and let go after (a document of short paragraphs has one per line).
    """
    meta: dict[str, Any] = {}
    if title is not None:
        year = document_year(title)
        if year is not None:
            meta["year"] = year
        after = title
        m = _TITLE_YEAR.search(after)
        if m:
            after = after[m.end():]
        place = _PLACE.match(after.removeprefix("中共"))  # 中共东湖区委: the place is 东湖区
        if place:
            meta["place"] = place.group("place")
    front = next((text_of(i) for i, kind in enumerate(kinds) if kind == "front-matter"), None)
    if front is not None:
        meta["front_matter"] = fields(front)
    # The elements stand before the body and after it: the first and last top-level blocks.
    blocks = [i for i, kind in enumerate(kinds) if kind in ("paragraph", "attachments")]
    ends = [(kinds[i], text_of(i)) for i in blocks[:_ENDS] + blocks[max(_ENDS, len(blocks) - _ENDS):]]
    addressee = _recipient([text.strip() for _, text in ends])
    if addressee:
        meta["addressee"] = addressee
    for kind, text in ends:
        _element(meta, kind, text.strip())
    previous = ""
    for n, i in enumerate(i for i, kind in enumerate(kinds) if kind == "paragraph"):
        body = text_of(i).strip()
        if len(body) <= 24 and n > 0:  # a 成文日期 is a date alone on its line, under the signature
            dates = _dates(body)
            if len(dates) == 1 and dates[0].kind == "date" and dates[0].span == (0, len(body)):
                meta["date"] = dates[0].value
                issuer = previous
                if issuer and len(issuer) <= 30 and not re.search(r"[。；，]", issuer):
                    meta["issuer"] = issuer
        previous = body
    return meta


def _recipient(bodies: list[str]) -> str | None:
    """The addressee a Taiwan 公文 names (受文者：臺北市政府), or its 正本 list when 受文者 says
    ``如正本及副本`` (as the 正本 and 副本 lines)."""
    fields: dict[str, str] = {}
    for body in bodies:
        m = _RECIPIENT.match(body)
        if m:
            fields.setdefault(re.sub(r"\s", "", m.group("field")), m.group("who").strip())
    named = fields.get("受文者")
    if named and named.startswith("如"):
        return fields.get("正本") or named
    return named


def _element(meta: dict[str, Any], kind: str, body: str) -> None:
    """The 公文 element one block before or after the body is, if any."""
    numbers = docnumbers(body, 0, len(body))
    if "document_number" not in meta and numbers and len(body) <= 30:
        meta["document_number"] = numbers[0].text
    elif body.startswith(("签发人", "簽發人")) and "：" in body:
        meta["signer"] = body.split("：", 1)[1].strip()
    elif ("addressee" not in meta and body.endswith(("：", ":")) and len(body) <= 80 and _organ().search(body)
          and body.rstrip("：: ") not in _LABELS):
        meta["addressee"] = body.rstrip("：:")
    elif kind == "attachments":
        entries = [e.strip() for e in re.split(r"\s*\n\s*|(?<=\S)\s{2,}", re.sub(r"^附\s*件\s*[：:]\s*", "", body))]
        meta.setdefault("attachments", []).extend(e for e in entries if e)
    elif re.match(r"抄\s*送\s*[：:]", body):
        meta["copied_to"] = [x for x in re.split(r"[，,、；;。]\s*", body.split("：", 1)[-1]) if x.strip()]
    elif body.endswith("印发"):
        dated = [a for a in _dates(body) if a.kind == "date" and isinstance(a.value, str)]
        if dated:
            meta["printed_by"] = body[: dated[0].span[0]].strip()
            meta["printed_date"] = dated[0].value


def _dates(body: str) -> list[Annotation]:
    """The dates of a short line, in order, read with no year from context."""
    found = DateReader(None).read(body, 0, len(body))
    return in_order(found)
