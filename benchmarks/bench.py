"""Throughput and start-up benchmark for reportparse.

Run from the repository root with the package installed::

    python benchmarks/bench.py            # full run (~50 MB generated document, 5 repeats)
    python benchmarks/bench.py --quick    # short run (~2 MB, 2 repeats)
    python benchmarks/bench.py --json     # one JSON object instead of the table

Parse throughput is set beside a *floor* measured in the same run on the same
texts: splitting lines and matching one compiled regular expression per line.
No parser that looks at every line can beat it by much, so ``parse / floor``
says how much of the parser's cost is its own work rather than Python's.

Beside them runs a *skeleton*: the least a Python parser with our JSON output
can do -- one record per non-blank line with its kind (does the floor pattern
match), line, span and text, serialised by the C JSON encoder, and by orjson
when it is installed.  It decides no structure at all, so ``skeleton / floor``
(with the faster encoder) is a ceiling on ``parse / floor`` for any parser
written in Python that emits a node per paragraph.

``--against REV`` sets this checkout's parse throughput beside another's (see
against.py).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

import reportparse
from reportparse.source import decode

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
SAMPLES = REPO_ROOT / "samples"
MB = 1e6

FLOOR_PATTERN = re.compile(
    r"\s*(?:第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])"
)

TYPER_APP = """\
import json
import sys

import typer

app = typer.Typer()


@app.command()
def main(path: str) -> None:
    print(json.dumps({"n": len(open(path, encoding="utf-8").read())}))


app()
"""


# ── generated document ──────────────────────────────────────────────────────

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """Chinese numeral for 1 <= n <= 9999 as reports write it (十一, 一百零五, 二千三百)."""
    if not 1 <= n <= 9999:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:  # 十二, not 一十二, when the number starts with the tens
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out: list[str] = []
    zero_pending = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[digit] + unit)
    return "".join(out)


# Clauses never start with a numeral, 第 or a bracket, so a paragraph line is never mistaken for a marker.
_CLAUSES = (
    "全面贯彻落实党的二十大精神",
    "坚持稳中求进工作总基调",
    "完整准确全面贯彻新发展理念",
    "地区生产总值增长5.2%",
    "一般公共预算收入完成386.4亿元",
    "城镇新增就业6.8万人",
    "居民人均可支配收入增长6.1%",
    "新开工重点项目一百二十个",
    "持续优化营商环境",
    "深入实施创新驱动发展战略",
    "加快建设现代化产业体系",
    "统筹推进新型城镇化和乡村全面振兴",
    "着力扩大有效需求",
    "切实保障和改善民生",
    "扎实推进生态环境保护",
    "严格落实安全生产责任制",
    "建成高标准农田12.5万亩",
    "完成老旧小区改造146个",
    "新增养老服务床位3200张",
    "空气质量优良天数比例达到87.4%",
    "推动数字经济和实体经济深度融合",
    "培育壮大战略性新兴产业集群",
    "深化国资国企改革",
    "支持民营经济和中小企业发展",
    "稳步推进保障性住房建设",
    "健全基本公共服务体系",
    "加强基层治理体系和治理能力建设",
    "有关部门应当加强监督检查",
    "县级以上人民政府应当将相关经费纳入本级财政预算",
    "任何单位和个人不得擅自改变用途",
)
_SUBJECTS = ("经济", "科技", "产业", "城乡", "民生", "生态", "开放", "改革", "法治", "教育", "文化", "卫生")
_VERBS = ("加强", "推进", "深化", "提升", "优化", "扩大", "完善", "强化", "巩固", "统筹")
_NOUNS = ("高质量发展", "体系建设", "协同创新", "综合治理", "服务保障", "基础设施", "公共服务", "监督管理")
_CITIES = ("本市", "某某市", "某某县", "某某区")
_MATTERS = ("项目", "资金", "设施", "服务", "数据", "园区", "专项")
_PARTS = ("过去一年工作回顾", "今年工作总体要求", "重点任务", "政府自身建设", "专项工作进展")
_CHAPTERS = ("总则", "规划与建设", "管理与服务", "保障措施", "监督检查", "法律责任", "附则")


class _Generator:
    """Builds a report with annexes whose numbering runs 1, 2, 3… at every level, like a real one."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lines: list[str] = []
        self.size = 0  # UTF-8 bytes so far, kept as we go so stopping is cheap

    def emit(self, line: str = "") -> None:
        self.lines.append(line)
        self.size += len(line.encode("utf-8")) + 1

    def phrase(self) -> str:
        rng = self.rng
        return rng.choice(_VERBS) + rng.choice(_SUBJECTS) + rng.choice(_NOUNS)

    def clauses(self, low: int, high: int) -> str:
        """Comma-joined clauses of ``low``–``high`` characters, without a final stop."""
        rng = self.rng
        target = rng.randint(low, high)
        picked = [rng.choice(_CLAUSES)]
        length = len(picked[0])
        while length < target:
            clause = rng.choice(_CLAUSES)
            if clause != picked[-1]:
                picked.append(clause)
                length += len(clause) + 1
        return "，".join(picked)

    def body(self, low: int = 80, high: int = 300) -> str:
        """A paragraph of ``low``–``high`` characters: sentences of two to four clauses."""
        rng = self.rng
        target = rng.randint(low, high)
        text = ""
        while len(text) < target:
            text += self.clauses(20, 60) + "。"
        return text

    def report(self, limit: int) -> None:
        rng = self.rng
        part = 0
        while self.size < limit:
            part += 1
            self.emit(f"第{cn_numeral(part)}部分　{rng.choice(_PARTS)}")
            self.emit()
            for section in range(1, rng.randint(5, 10) + 1):
                self.emit(f"{cn_numeral(section)}、{self.phrase()}")
                if rng.random() < 0.5:
                    self.emit(self.body())
                for sub in range(1, rng.randint(3, 7) + 1):
                    # Run-in heading: the heading sentence and its text share the line.
                    self.emit(f"（{cn_numeral(sub)}）{self.phrase()}。{self.body()}")
                    for _ in range(rng.randint(0, 2)):
                        self.emit(self.body())
                    if rng.random() < 0.3:
                        for item in range(1, rng.randint(2, 6) + 1):
                            self.emit(f"{item}.2023年{rng.randint(1, 12)}月，{self.body(60, 200)}")
                self.emit()

    def annexes(self, limit: int) -> None:
        rng = self.rng
        annex = 0
        # Annex numbers are Arabic and the parser reads at most three digits; wrap rather than stop.
        while self.size < limit:
            annex += 1
            self.emit(f"附件{(annex - 1) % 999 + 1}")
            self.emit()
            self.emit(f"{rng.choice(_CITIES)}{rng.choice(_SUBJECTS)}{rng.choice(_MATTERS)}管理办法")
            self.emit()
            article = 0  # articles run through the whole annex, not per chapter
            for chapter in range(1, rng.randint(3, 7) + 1):
                self.emit(f"第{cn_numeral(chapter)}章　{_CHAPTERS[(chapter - 1) % len(_CHAPTERS)]}")
                for _ in range(rng.randint(3, 15)):
                    article += 1
                    if rng.random() < 0.3:
                        self.emit(f"第{cn_numeral(article)}条　{self.clauses(30, 90)}，包括下列事项：")
                        count = rng.randint(2, 8)
                        for item in range(1, count + 1):
                            end = "。" if item == count else "；"
                            self.emit(f"（{cn_numeral(item)}）{self.clauses(10, 40)}{end}")
                    else:
                        self.emit(f"第{cn_numeral(article)}条　{self.body()}")
                self.emit()


def generate_document(target_bytes: int, seed: int = 1) -> str:
    """A deterministic report of about ``target_bytes`` UTF-8 bytes: half body, half annexed regulations."""
    gen = _Generator(seed)
    gen.emit("某某市人民政府工作报告")
    gen.emit()
    gen.emit(gen.body())
    gen.emit()
    gen.report(target_bytes // 2)
    gen.annexes(target_bytes)
    return "\n".join(gen.lines).rstrip("\n") + "\n"


# ── throughput ──────────────────────────────────────────────────────────────


def parse_all(texts: Sequence[str]) -> int:
    total = 0
    for text in texts:
        total += len(reportparse.parse(text).to_json())
    return total


def floor_all(texts: Sequence[str]) -> int:
    match = FLOOR_PATTERN.match
    hits = 0
    for text in texts:
        for line in text.splitlines():
            if match(line):
                hits += 1
    return hits


def skeleton_all(texts: Sequence[str], dumps: Callable[[object], str | bytes] | None = None) -> int:
    match = FLOOR_PATTERN.match
    dumps = dumps or json.JSONEncoder(ensure_ascii=False).encode
    total = 0
    for text in texts:
        nodes = []
        start = 0
        for number, line in enumerate(text.split("\n"), 1):
            end = start + len(line)
            if line.strip():
                nodes.append({"kind": "section" if match(line) else "paragraph", "line": number,
                              "span": [start, end], "text": line})
            start = end + 1
        total += len(dumps({"children": nodes}))
    return total


def orjson_skeleton() -> Callable[[Sequence[str]], int] | None:
    """The skeleton with orjson's encoder, when orjson is installed (the json extra)."""
    try:
        import orjson
    except ImportError:
        return None
    return lambda texts: skeleton_all(texts, orjson.dumps)


def timed(fn: Callable[[Sequence[str]], int], texts: Sequence[str]) -> float:
    # Collect first so garbage left by the previous run is not charged to this one.
    gc.collect()
    start = time.perf_counter()
    fn(texts)
    return time.perf_counter() - start


@dataclass
class Throughput:
    input: str
    files: int
    bytes: int
    parse_s: float
    floor_s: float
    skeleton_s: float
    parse_mb_s: float
    floor_mb_s: float
    skeleton_mb_s: float
    ratio: float
    #: skeleton / floor, the skeleton with the faster of the two encoders: the most ``ratio`` could be for a
    #: Python parser with this JSON output.
    ceiling: float
    #: The skeleton with orjson, when it is installed.
    skeleton_orjson_s: float | None = None
    skeleton_orjson_mb_s: float | None = None


def measure_throughput(name: str, texts: Sequence[str], repeats: int) -> Throughput:
    nbytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts)
    parse_times: list[float] = []
    floor_times: list[float] = []
    skeleton_times: list[float] = []
    orjson_times: list[float] = []
    order: list[tuple[Callable[[Sequence[str]], int], list[float]]] = [
        (floor_all, floor_times), (skeleton_all, skeleton_times), (parse_all, parse_times)]
    with_orjson = orjson_skeleton()
    if with_orjson is not None:
        order.insert(2, (with_orjson, orjson_times))
    for i in range(repeats):
        # Alternate the order so none always runs on a cache or CPU-clock state another left.
        for fn, times in order if i % 2 == 0 else reversed(order):
            times.append(timed(fn, texts))
    parse_s, floor_s, skeleton_s = min(parse_times), min(floor_times), min(skeleton_times)
    orjson_s = min(orjson_times) if orjson_times else None
    return Throughput(
        input=name,
        files=len(texts),
        bytes=nbytes,
        parse_s=parse_s,
        floor_s=floor_s,
        skeleton_s=skeleton_s,
        parse_mb_s=nbytes / MB / parse_s,
        floor_mb_s=nbytes / MB / floor_s,
        skeleton_mb_s=nbytes / MB / skeleton_s,
        ratio=floor_s / parse_s,
        ceiling=floor_s / min(skeleton_s, orjson_s or skeleton_s),
        skeleton_orjson_s=orjson_s,
        skeleton_orjson_mb_s=nbytes / MB / orjson_s if orjson_s else None,
    )


@dataclass
class Stage:
    name: str
    bytes: int
    seconds: float
    mb_s: float


def _wrap(text: str, width: int = 30) -> str:
    """The text as a PDF text layer gives it back: every line cut at ``width`` characters."""
    out: list[str] = []
    for line in text.splitlines():
        out += [line[i:i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out) + "\n"


def measure_stages(texts: Sequence[str], repeats: int) -> list[Stage]:
    """What decoding with detection and joining wrapped lines cost, on the same texts."""
    import opencc

    s2t = opencc.OpenCC("s2tw").convert
    utf8 = [t.encode("utf-8") for t in texts]
    gbk = [t.encode("gb18030") for t in texts]
    big5 = []
    for t in texts:
        try:
            big5.append(s2t(t).encode("big5"))
        except UnicodeEncodeError:
            continue
    wrapped = [_wrap(t) for t in texts]
    cases: list[tuple[str, Callable[[], object], int]] = [
        ("parse, text in memory", lambda: [reportparse.parse(t) for t in texts], sum(map(len, utf8))),
        ("parse + JSON, annotations", lambda: [reportparse.parse(t).to_json() for t in texts], sum(map(len, utf8))),
        ("parse + JSON, --no-annotations", lambda: [reportparse.parse(t, annotations=False).to_json() for t in texts],
         sum(map(len, utf8))),
        ("parse_bytes, UTF-8", lambda: [reportparse.parse_bytes(b) for b in utf8], sum(map(len, utf8))),
        ("parse_bytes, GBK (detected)", lambda: [reportparse.parse_bytes(b) for b in gbk], sum(map(len, utf8))),
        ("parse_bytes, Big5 (detected)", lambda: [reportparse.parse_bytes(b) for b in big5],
         sum(len(b.decode("big5").encode("utf-8")) for b in big5)),
        ("wrapped at 30, reflow", lambda: [reportparse.parse(t) for t in wrapped],
         sum(len(t.encode("utf-8")) for t in wrapped)),
        ("wrapped at 30, --no-reflow", lambda: [reportparse.parse(t, reflow=False) for t in wrapped],
         sum(len(t.encode("utf-8")) for t in wrapped)),
    ]
    out: list[Stage] = []
    for name, run, nbytes in cases:
        best = float("inf")
        for _ in range(repeats):
            gc.collect()
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        out.append(Stage(name, nbytes, best, nbytes / MB / best))
    return out


@dataclass
class FormatSpeed:
    format: str
    files: int
    #: MB of text (its UTF-8 bytes) per second, read from the format and from the plain text.
    format_mb_s: float
    text_mb_s: float
    #: format / text: what reading the format costs beside the text path, in the same run.
    ratio: float


FORMATS_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "formats"


def fixture_maker(name: str) -> ModuleType:
    """A maker of the format test files, tests/fixtures/formats/make_FORMAT.py, loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"make_{name}", FORMATS_DIR / f"make_{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _builders() -> dict[str, Callable[[str], bytes]]:
    """The test-data makers of the formats (each with a ``build_text(text) -> bytes``, or
    ``build(text)``), for the formats whose reader is installed here."""
    import importlib.util

    from reportparse.formats import BY_NAME

    out: dict[str, Callable[[str], bytes]] = {}
    for name, reader in BY_NAME.items():
        if not (FORMATS_DIR / f"make_{name}.py").exists():
            continue
        if reader.needs and importlib.util.find_spec(reader.needs) is None:
            continue
        module = fixture_maker(name)
        maker = getattr(module, "build_text", None) or getattr(module, "build", None)
        if maker is not None:
            out[name] = maker
    return out


def measure_formats(texts: Sequence[str], repeats: int) -> list[FormatSpeed]:
    """parse_bytes on the same texts as each format and as UTF-8 text, alternating, best of ``repeats``."""
    utf8 = [t.encode("utf-8") for t in texts]
    nbytes = sum(map(len, utf8))
    out: list[FormatSpeed] = []
    for name, build in _builders().items():
        files = [build(t) for t in texts]
        best_format = best_text = float("inf")
        for i in range(repeats):
            order = [(files, "format"), (utf8, "text")]
            for inputs, which in order if i % 2 == 0 else reversed(order):
                gc.collect()
                start = time.perf_counter()
                for data in inputs:
                    reportparse.parse_bytes(data)
                took = time.perf_counter() - start
                if which == "format":
                    best_format = min(best_format, took)
                else:
                    best_text = min(best_text, took)
        out.append(FormatSpeed(name, len(files), nbytes / MB / best_format, nbytes / MB / best_text,
                               best_text / best_format))
    return out


def compare_unstructured(texts: Sequence[str]) -> str:
    """unstructured's partition_text on the same texts, when it is installed (it is not a dependency)."""
    import importlib.util

    if importlib.util.find_spec("unstructured") is None:
        return "unstructured is not installed: the partition_text comparison was skipped"
    from unstructured.partition.text import partition_text

    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    for text in texts:
        partition_text(text=text)
    theirs = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        reportparse.parse(text).to_json()
    ours = time.perf_counter() - start
    return (f"unstructured partition_text {nbytes / MB / theirs:.2f} MB/s, reportparse {nbytes / MB / ours:.2f} MB/s "
            f"({theirs / ours:.2f}x)")


def load_corpus(corpus: Path) -> list[str]:
    texts: list[str] = []
    for sub in ("docs", "wild"):
        folder = corpus / sub
        if folder.is_dir():
            # Empty files say nothing about speed and would only add per-call overhead.
            texts += [decode(data).text for p in sorted(folder.iterdir())
                      if p.is_file() and (data := p.read_bytes())]
    return texts


# ── start-up ────────────────────────────────────────────────────────────────


@dataclass
class Timing:
    command: str
    best_ms: float | None = None
    median_ms: float | None = None
    error: str | None = None
    #: Every timed run in order; run i of every command belongs to round i.
    samples_ms: list[float] = field(default_factory=list)
    #: CPU time (user + system) of each run: what the command itself cost, which a busy host's
    #: stolen time does not inflate as it does the wall time.
    cpu_samples_ms: list[float] = field(default_factory=list)


@dataclass
class Startup:
    file: str
    runs: int
    python: Timing
    typer_app: Timing
    reportparse: Timing
    over_typer_ms: float | None = None
    #: Median over rounds of (reportparse − typer app) in the same round: a slow spell of a shared
    #: machine lifts both runs of a round, so it cancels out here and not in the difference of bests.
    paired_over_typer_ms: float | None = None
    #: The same median of differences, in CPU time.
    paired_cpu_over_typer_ms: float | None = None


def find_executable() -> str | None:
    # The console script of this interpreter's environment, so we time the same install we import.
    name = "reportparse.exe" if os.name == "nt" else "reportparse"
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which("reportparse")


def small_input(tmp: Path) -> Path:
    # The typer app reads UTF-8, so pick a file both programs read the same way.
    for path in sorted(SAMPLES.glob("*.txt"), key=lambda p: p.stat().st_size):
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        return path
    data = generate_document(8000).encode("utf-8")
    path = tmp / "small.txt"
    path.write_bytes(data[: data.index(b"\n", 2000) + 1])  # whole lines, just over 2 KB
    return path


def _user_environment() -> dict[str, str]:
    """This environment, but one that keeps bytecode caches, as a user's Python does.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes and containers), an editable or
    source install recompiles every module of ours on every start while typer's, compiled
    by pip at install time, load from bytecode: the comparison would time Python's compiler.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _children_cpu() -> float:
    """User + system seconds of the reaped child processes so far (0 where resource is missing)."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_commands(commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
    results = {key: Timing(" ".join(cmd)) for key, cmd in commands.items()}
    env = _user_environment()
    samples: dict[str, list[float]] = {key: [] for key in commands}
    cpu: dict[str, list[float]] = {key: [] for key in commands}
    # One untimed run each to warm the page cache and bytecode caches and to catch failures early.
    for key, cmd in commands.items():
        proc = subprocess.run(cmd, capture_output=True, check=False, env=env)
        if proc.returncode != 0:
            last = (proc.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
            results[key].error = f"exit {proc.returncode}: {last}"
    live = [key for key in commands if results[key].error is None]
    for _ in range(runs):
        for key in live:  # round-robin, like the throughput runs, so drift hits all alike
            used = _children_cpu()
            start = time.perf_counter()
            subprocess.run(commands[key], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
            samples[key].append(time.perf_counter() - start)
            cpu[key].append(_children_cpu() - used)
    for key in live:
        results[key].best_ms = min(samples[key]) * 1000
        results[key].median_ms = statistics.median(samples[key]) * 1000
        results[key].samples_ms = [t * 1000 for t in samples[key]]
        results[key].cpu_samples_ms = [t * 1000 for t in cpu[key]]
    return results


def measure_startup(runs: int) -> Startup:
    with tempfile.TemporaryDirectory(prefix="reportparse-bench-") as tmpdir:
        tmp = Path(tmpdir)
        small = small_input(tmp)
        app = tmp / "typer_app.py"
        app.write_text(TYPER_APP, encoding="utf-8")
        exe = find_executable()
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "typer_app": [sys.executable, str(app), str(small)],
        }
        if exe is not None:
            commands["reportparse"] = [exe, str(small), "--json"]
        timings = time_commands(commands, runs)
        if exe is None:
            timings["reportparse"] = Timing("reportparse", error="executable not found")
    shown = str(small.relative_to(REPO_ROOT)) if small.is_relative_to(REPO_ROOT) else "generated 2 KB file"
    result = Startup(shown, runs, timings["python"], timings["typer_app"], timings["reportparse"])
    rp, ty = result.reportparse.best_ms, result.typer_app.best_ms
    if rp is not None and ty is not None:
        result.over_typer_ms = rp - ty
        pairs = zip(result.reportparse.samples_ms, result.typer_app.samples_ms, strict=True)
        result.paired_over_typer_ms = statistics.median(a - b for a, b in pairs)
        cpu_pairs = zip(result.reportparse.cpu_samples_ms, result.typer_app.cpu_samples_ms, strict=True)
        result.paired_cpu_over_typer_ms = statistics.median(a - b for a, b in cpu_pairs)
    return result


# ── report ──────────────────────────────────────────────────────────────────


@dataclass
class Results:
    python: str
    implementation: str
    platform: str
    cpus: int
    reportparse_version: str
    repeats: int
    throughput: list[Throughput] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    formats: list[FormatSpeed] = field(default_factory=list)
    startup: Startup | None = None
    notes: list[str] = field(default_factory=list)


def cpu_count() -> int:
    # The CPUs this process may run on, which under a container or taskset is fewer than the machine's.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def render(results: Results) -> str:
    out = [f"reportparse {results.reportparse_version} benchmark  "
           f"(python {results.python}, {results.cpus} cpus, best of {results.repeats})"]
    out.append(f"{'input':<26}{'MB':>6}{'parse MB/s':>14}{'floor MB/s':>13}{'ratio':>9}"
               f"{'skeleton MB/s':>16}{'with orjson':>13}{'ceiling':>9}")
    for t in results.throughput:
        orjson_cell = "-" if t.skeleton_orjson_mb_s is None else f"{t.skeleton_orjson_mb_s:.1f}"
        out.append(f"{t.input:<26}{t.bytes / MB:>6.1f}{t.parse_mb_s:>14.2f}{t.floor_mb_s:>13.1f}"
                   f"{t.ratio:>8.3f}x{t.skeleton_mb_s:>16.1f}{orjson_cell:>13}{t.ceiling:>8.3f}x")
    if results.throughput:
        out.append("ratio = parse / floor; ceiling = skeleton / floor with the faster encoder (orjson's when "
                   "installed), the most the ratio can be for a Python parser that writes a JSON node per paragraph")
    if results.stages:
        out.append(f"{'stage (corpus texts)':<32}{'MB':>6}{'MB/s':>9}")
        for st in results.stages:
            out.append(f"{st.name:<32}{st.bytes / MB:>6.1f}{st.mb_s:>9.2f}")
    if results.formats:
        out.append(f"{'format (corpus texts)':<24}{'files':>6}{'MB/s':>9}{'text MB/s':>11}{'ratio':>9}")
        for f in results.formats:
            out.append(f"{f.format:<24}{f.files:>6}{f.format_mb_s:>9.2f}{f.text_mb_s:>11.2f}{f.ratio:>8.2f}x")
        out.append("MB = the text's UTF-8 bytes, whatever the file's size; ratio = format / text, same run")
    s = results.startup
    if s is not None:
        def cell(label: str, t: Timing) -> str:
            if t.best_ms is None or t.median_ms is None:
                return f"{label} failed ({t.error})"
            return f"{label} {t.best_ms:.0f} / {t.median_ms:.0f}"

        line = (f"start-up (best / median ms, {s.runs} runs): {cell('python -c pass', s.python)}   "
                f"{cell('typer app', s.typer_app)}   {cell('reportparse --json', s.reportparse)}")
        if s.over_typer_ms is not None and s.paired_over_typer_ms is not None:
            line += (f"\nover the typer app: {s.over_typer_ms:+.0f} ms best against best; "
                     f"{s.paired_over_typer_ms:+.0f} ms wall and {s.paired_cpu_over_typer_ms:+.0f} ms CPU, "
                     f"median of the rounds' differences")
        out.append(line)
        out.append(f"start-up input: {s.file}")
    out += [f"note: {n}" for n in results.notes]
    return "\n".join(out)


def _against(rev: str, corpus: Path, size_mb: float, repeats: int, as_json: bool,
             progress: Callable[[str], None]) -> int:
    import against

    def inputs() -> list[tuple[str, Sequence[str]]]:
        texts = load_corpus(corpus)
        out: list[tuple[str, Sequence[str]]] = [(f"corpus ({len(texts)} files)", texts)] if texts else []
        return [*out, ("generated document", [generate_document(int(size_mb * MB))])]

    rows = against.compare(rev, inputs, repeats, progress)
    print(json.dumps([asdict(r) for r in rows], indent=2) if as_json else against.render(rows, rev))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="short run: ~2 MB document, 2 repeats, 3 start-ups")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="corpus folder with docs/ and wild/ (default: ../shared/corpus from the repo root)")
    ap.add_argument("--size", type=float, help="generated document size in MB (default 50; 2 with --quick)")
    ap.add_argument("--repeat", type=int, help="timed runs per measurement (default 5; 2 with --quick)")
    ap.add_argument("--startup-only", action="store_true", help="time only the start-up")
    ap.add_argument("--formats-only", action="store_true", help="time only the other input formats")
    ap.add_argument("--runs", type=int, help="start-ups timed per command (default 10; 3 with --quick)")
    ap.add_argument("--against", metavar="REV",
                    help="this checkout's parse + JSON throughput beside REV's (a git revision, or another checkout's "
                         "src folder), in fresh processes; --size defaults to 10 MB here")
    args = ap.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.size is not None and args.size <= 0:
        ap.error("--size must be positive")

    repeats = args.repeat or (2 if args.quick else 5)
    size_mb = args.size or (2.0 if args.quick else 50.0)
    if args.runs is not None and args.runs < 1:
        ap.error("--runs must be at least 1")
    runs = args.runs or (3 if args.quick else 10)
    results = Results(
        python=platform.python_version(),
        implementation=platform.python_implementation(),
        platform=platform.platform(),
        cpus=cpu_count(),
        reportparse_version=reportparse.__version__,
        repeats=repeats,
    )

    def progress(message: str) -> None:
        print(f"… {message}", file=sys.stderr, flush=True)

    if args.against:
        return _against(args.against, args.corpus, args.size or (2.0 if args.quick else 10.0), repeats, args.json,
                        progress)

    if args.startup_only:
        results.startup = measure_startup(runs)
        print(json.dumps(asdict(results), ensure_ascii=False, indent=2) if args.json else render(results))
        return 0

    if args.formats_only:
        results.formats = measure_formats(load_corpus(args.corpus), repeats)
        print(json.dumps(asdict(results), ensure_ascii=False, indent=2) if args.json else render(results))
        return 0

    # Untimed warm-up: the first parse pays for compiling the rule table and lazy imports.
    reportparse.parse(generate_document(20_000)).to_json()

    texts = load_corpus(args.corpus)
    if texts:
        progress(f"measuring the corpus ({len(texts)} files)")
        results.throughput.append(measure_throughput(f"corpus ({len(texts)} files)", texts, repeats))
        progress("measuring decoding and reflow")
        results.stages = measure_stages(texts, repeats)
        progress("measuring the other formats")
        results.formats = measure_formats(texts, repeats)
        results.notes.append(compare_unstructured(texts))
        del texts
    else:
        results.notes.append(f"corpus skipped: no files in {args.corpus}/docs or {args.corpus}/wild")

    progress(f"generating a {size_mb:g} MB document")
    document = generate_document(int(size_mb * MB))
    progress("measuring the generated document")
    results.throughput.append(measure_throughput("generated document", [document], repeats))
    del document

    progress(f"timing start-up ({runs} runs each)")
    results.startup = measure_startup(runs)

    if args.json:
        print(json.dumps(asdict(results), ensure_ascii=False, indent=2))
    else:
        print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
