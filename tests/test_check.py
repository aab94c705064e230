"""The numbering check (``--check``): the planted-problem set, the documents that must stay silent,
and the messages a writer reads."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import reportparse

from .conftest import CORPUS, ROOT

PLANTED = ROOT / "tests" / "fixtures" / "check"
_spec = importlib.util.spec_from_file_location("check_score", ROOT / "benchmarks" / "check_score.py")
assert _spec is not None and _spec.loader is not None
check_score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_score)

DOCUMENTS = sorted(PLANTED.glob("*.txt"))

#: The real documents (corpus, samples, test fixtures) with a numbering problem, and what it is.
#: Every other one must stay silent.
REAL_PROBLEMS: dict[str, list[tuple[int, str]]] = {
    # The source lost its 第一章 heading: the rules open with 第二章.
    "docs/22_rule_traffic_police_lawrefbook.md.txt": [(27, "numbering-gap")],
    # Scraped pages that hold the report several times over: each copy numbers 一、 afresh.
    "wild/01_gwr1955_govcn_scrape_gbk.txt": [(n, "numbering-restart") for n in (905, 1688, 2457, 3212, 3960)],
    "wild/03_gwr1991_govcn_scrape_gbk.txt": [
        (n, "numbering-restart") for n in (207, 460, 608, 837, 985, 1200, 1348, 1549, 1697, 1891, 2039)
    ],
    "wild/04_gwr2002_mixed_eol_gbk.txt": [(n, "numbering-restart") for n in (647, 1087, 1499, 1883, 2253)],
    "wild/05_gwr2010_fullwidth_digits_gbk.txt": [(n, "numbering-restart") for n in (425, 767, 1095, 1409, 1716)],
    # A contents list in headings that leaves out 一、管辖, then the text numbering from 一、 again.
    "wild/25_judicial_civpro_interp_2022_lawrefbook.md.txt": [(19, "numbering-gap"), (65, "numbering-restart")],
    # 4． with a full-width dot in a run of 1. 2. 3. (ASCII dots).
    "fixtures/h3_04_hechuan_agri_highlights2024.txt": [(21, "style-mixed")],
    # （1） directly under （四） where （一）（二）（三） each open with 1.
    "fixtures/h4_05_survey_report_five_levels.txt": [(139, "rank-skipped")],
    # 6． with a full-width dot among 1. … 5.
    "fixtures/h7_05_village_compact.txt": [(36, "style-mixed")],
}

_FOLDERS = {
    "docs": CORPUS / "docs",
    "wild": CORPUS / "wild",
    "samples": ROOT / "samples",
    "fixtures": ROOT / "tests" / "fixtures" / "documents",
}
REAL = [
    (f"{name}/{p.name}", p)
    for name, folder in _FOLDERS.items() if folder.is_dir()
    for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md")
]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.stem for d in DOCUMENTS])
def test_planted_problems_are_found_on_their_line(doc: Path) -> None:
    scored = check_score.score_file(doc)
    for planted in scored.planted:
        assert planted.code in scored.reported.get(planted.line, []), (planted, scored.messages)
        if planted.expected != "-":
            message = next(m for m in scored.messages[planted.line] if m.startswith(planted.expected))
            assert message.startswith(f"{planted.expected} expected here, found ")
    alarms = {line: m for line, m in scored.messages.items() if line not in {p.line for p in scored.planted}}
    assert not alarms


def test_the_planted_set_scores() -> None:
    results = check_score.score_folder(PLANTED)
    assert len(results) >= 20 and sum(not r.planted for r in results) >= 5
    kinds = {p.code for r in results for p in r.planted}
    assert kinds >= {
        "numbering-gap", "numbering-repeat", "numbering-order", "numbering-restart", "style-mixed",
        "rank-skipped", "bracket-mismatch", "marker-unreadable",
    }
    _, totals = check_score.table(results)
    assert totals["recall"] >= 0.9 and totals["precision"] >= 0.85


@pytest.mark.parametrize("name,path", REAL, ids=[n for n, _ in REAL])
def test_real_documents_report_only_their_real_problems(name: str, path: Path) -> None:
    doc = reportparse.parse_file(path)
    found = [(d.line, d.code) for d in doc.diagnostics]
    assert found == REAL_PROBLEMS.get(name, [])


def _check(text: str) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.message) for d in reportparse.parse(text).diagnostics]


def test_an_order_problem_is_reported_once_at_the_line_to_move() -> None:
    found = _check("一、任务\n1.甲项工作。\n2.乙项工作。\n4.丁项工作。\n3.丙项工作。\n")
    assert [(line, code) for line, code, _ in found] == [(5, "numbering-order")]


def test_a_repeat_that_stands_for_the_next_number_leaves_the_rest_in_place() -> None:
    found = _check("一、任务\n1.甲项工作。\n2.乙项工作。\n2.丙项工作。\n4.丁项工作。\n")
    assert found == [(4, "numbering-repeat", "3. expected here, found 2. (already used on line 3)")]


def test_a_list_after_a_lead_in_may_start_again() -> None:
    text = "一、任务\n会议要求：\n1.甲项工作。\n2.乙项工作。\n会议同时明确：\n1.丙项工作。\n2.丁项工作。\n"
    assert _check(text) == []


def test_mismatched_brackets_keep_the_outline_and_are_reported() -> None:
    text = "一、任务\n（1）甲项；\n(2）乙项；\n（3)丙项。\n"
    doc = reportparse.parse(text)
    items = doc.children[0].children
    assert [(n.style, n.number) for n in items] == [("num-paren", 1), ("num-paren", 2), ("num-paren", 3)]
    assert [(d.line, d.code, d.message.rsplit(" (", 1)[0]) for d in doc.diagnostics] == [
        (3, "bracket-mismatch", "（2） expected here, found (2）"),
        (4, "bracket-mismatch", "（3） expected here, found （3)"),
    ]


def test_a_skipped_rank_is_judged_by_the_document_convention() -> None:
    never = "一、甲\n1.子项一。\n二、乙\n1.子项二。\n三、丙\n1.子项三。\n"
    assert _check(never) == []
    mostly = "一、甲\n（一）分项一。\n二、乙\n（一）分项二。\n三、丙\n1.子项三。\n"
    assert [(line, code) for line, code, _ in _check(mostly)] == [(6, "rank-skipped")]


def test_check_over_a_folder_in_json_lines_and_the_fix_preview(tmp_path: Path) -> None:
    from .test_cli import run

    (tmp_path / "clean.txt").write_text("一、总体要求\n二、主要任务\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("一、任务\n（1）甲项；\n（2)乙项；\n二、安排\n1.子项。\n2.子项。\n3、子项。\n", encoding="utf-8")
    records = [json.loads(line) for line in run(str(tmp_path), "--check", "--jsonl").stdout.splitlines()]
    assert [(Path(r["path"]).name, [d["code"] for d in r["diagnostics"]]) for r in records] == [
        ("clean.txt", []), ("draft.txt", ["bracket-mismatch", "style-mixed"]),
    ]
    proc = run(str(draft), "--check", "--fix")
    assert proc.returncode == 1
    diff = proc.stdout.decode("utf-8")
    assert "-（2)乙项；\n+（2）乙项；\n" in diff and "-3、子项。\n+3.子项。\n" in diff
    assert draft.read_text(encoding="utf-8").count("（2)") == 1  # previewed, never applied
