"""The command line's loader has the C allocator hand back freed large blocks, for large inputs only."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest

from reportparse import allocator, batch


def test_setting_the_threshold_is_once_per_process_and_says_whether_it_took(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator, "_set", False)
    first = allocator.keep_large_blocks_mapped()
    assert isinstance(first, bool)
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert first  # glibc takes it
    assert allocator.keep_large_blocks_mapped() is first


@pytest.mark.parametrize(("size", "called"), [(100, False), (5000, True)])
def test_only_an_input_past_the_size_sets_it(size: int, called: bool, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def record() -> bool:
        calls.append(1)
        return True

    monkeypatch.setattr(batch, "_LARGE", 1000)
    monkeypatch.setattr(allocator, "keep_large_blocks_mapped", record)
    path = tmp_path / "x.txt"
    path.write_text(("一、总则\n" * size)[:size], encoding="utf-8")
    doc = batch.load(batch.Input(str(path), str(path), "x.txt"), batch.Options(fmt="json"))
    assert doc.children and bool(calls) is called
