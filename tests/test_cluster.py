"""The batch on a Dask cluster, and the Parquet dataset: the same results as the local batch."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from reportparse import batch

from .conftest import SAMPLES
from .test_cli import run

distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

GOOD = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cluster")
    for i in range(60):
        sub = root / f"d{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"r{i:03d}.txt").write_bytes(GOOD[i % len(GOOD)].read_bytes())
    (root / "d0" / "zz_binary.txt").write_bytes(b"\x00\x01\x02binary")
    return root


def test_dask_gives_the_local_batch(folder: Path) -> None:
    local = run(str(folder), "--jsonl", "-j", "1")
    on_dask = run(str(folder), "--jsonl", "--engine", "dask", "-j", "2")
    assert local.returncode == on_dask.returncode == 1  # the binary file fails the same way
    assert on_dask.stdout == local.stdout
    assert on_dask.stderr.decode().splitlines() == local.stderr.decode().splitlines()


def test_parquet_rows_equal_the_json_documents(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    proc = run(str(folder), "-o", str(out), "--format", "parquet", "--engine", "dask", "-j", "2")
    assert proc.returncode == 1
    nodes = pq.read_table(out / "nodes").to_pylist()
    documents = pq.read_table(out / "documents").to_pylist()
    records = [json.loads(line) for line in run(str(folder), "--jsonl").stdout.splitlines()]
    assert len(documents) == len(records)
    assert [d["error_code"] for d in documents].count("binary") == 1
    by_doc: dict[str, list[dict[str, object]]] = {}
    for row in nodes:
        by_doc.setdefault(str(row["doc_path"]), []).append(row)
    for record in records:
        if "error" in record:
            continue
        rows = sorted(by_doc[record["source"]["path"]], key=lambda r: r["row"])
        got = [(r["line"], r["kind"], r["marker"] or "", r["text"], [r["span_start"], r["span_end"]]) for r in rows]
        want = [(n["line"], n["kind"], n.get("marker", ""), n["text"], n["span"]) for n in _flatten(record["children"])]
        assert got == want
    duckdb = pytest.importorskip("duckdb")
    count = duckdb.sql(f"select count(*) from '{out}/nodes/*.parquet'").fetchall()
    assert count[0][0] == len(nodes)


def _flatten(children: list[dict[str, object]]) -> list[dict[str, object]]:
    flat: list[dict[str, object]] = []
    for node in children:
        if node["kind"] in ("section", "item", "paragraph"):
            flat.append(node)
            flat += _flatten(node.get("children", []))  # type: ignore[arg-type]
    return flat


def test_partitions_balance_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1_000_000)
    small = []
    for i in range(500):
        path = tmp_path / f"s{i:03d}.txt"
        path.write_bytes(b"y" * 2_000)
        small.append(path)
    items = [batch.Input(str(big), str(big), "big.txt")] + [batch.Input(str(p), str(p), p.name) for p in small]
    from reportparse.cluster import partitions

    parts = list(partitions(items, target_bytes=200_000))
    assert parts[0][1] == items[:1]  # the large report is a task of its own
    assert all(len(chunk) == 100 for _, chunk in parts[1:])
    assert [start for start, _ in parts] == [0, 1, 101, 201, 301, 401]
    mixed = [*items[1:4], batch.Input("-", "<stdin>", "stdin"), *items[4:6]]
    assert [[i.path for i in chunk] for _, chunk in partitions(mixed, target_bytes=10**9)] == [
        [i.path for i in items[1:4]], ["-"], [i.path for i in items[4:6]]]


def test_a_lost_worker_loses_no_document(folder: Path) -> None:
    from dask.distributed import Client, LocalCluster

    from reportparse.cluster import run as run_on

    items = list(batch.expand([str(folder)]))
    options = batch.Options(fmt="jsonl")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        seen: list[int] = []
        killed = False
        for result in run_on(items, options, client, target_bytes=20_000, window=2):
            seen.append(result.index)
            if not killed and len(seen) >= 5:
                nanny = next(iter(cluster.workers.values()))
                os.kill(nanny.process.process.pid, signal.SIGKILL)  # the worker dies mid-run
                killed = True
                time.sleep(0.5)
    assert killed
    assert seen == list(range(len(items)))  # every document once, in order


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from reportparse import cluster

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(cluster.MissingExtra, match=r"reportparse\[dask\]"):
        cluster.connect(None, 1)
