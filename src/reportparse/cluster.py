"""The batch on a Dask cluster: the same results as the local batch, computed by Dask's workers.

Inputs are listed on the client and cut into partitions of about the same
number of bytes (not of files: one large report and thousands of short notices
must not land in one task).  Workers read their files themselves, so paths must
be visible to them (a shared file system, or ``s3://…`` URLs through fsspec).
Results come back in input order through a bounded window of partitions, and a
partition lost with a worker is run again by Dask's scheduler.

Everything here needs the optional ``dask`` extra; the default path never
imports this module.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from .batch import Input, Options, Result, process_chunk

EXTRA_HINT = "pip install 'reportparse[dask]'"


class MissingExtra(RuntimeError):
    """The dask extra is not installed."""


def _size(item: Input) -> int:
    if item.path == "-" or "://" in item.path:
        return 1
    try:
        return max(1, os.stat(item.path).st_size)
    except OSError:
        return 1


def partitions(items: Iterable[Input], target_bytes: int, max_files: int = 2000) -> Iterator[tuple[int, list[Input]]]:
    """Consecutive runs of inputs of about ``target_bytes`` each (a large file is a run of its own)."""
    chunk: list[Input] = []
    size = 0
    start = 0
    for index, item in enumerate(items):
        item_size = _size(item)
        if chunk and (size + item_size > target_bytes or len(chunk) >= max_files or item.path == "-"):
            yield start, chunk
            chunk, size, start = [], 0, index
        chunk.append(item)
        size += item_size
        if item.path == "-":
            # Standard input is the client's to read: it travels in no task, alone.
            yield start, chunk
            chunk, size, start = [], 0, index + 1
    if chunk:
        yield start, chunk


def connect(scheduler: str | None, workers: int) -> Any:
    """A client of the cluster at ``scheduler``, or of a new local cluster with ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - exercised where the extra is missing
        raise MissingExtra(f"--engine dask needs the dask extra: {EXTRA_HINT}") from exc
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def run(
    items: Iterable[Input], options: Options, client: Any, target_bytes: int = 4_000_000, window: int | None = None
) -> Iterator[Result]:
    """Results in input order, each partition parsed by one task on the cluster."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = window or workers * 3
    pending: list[Any] = []
    for start, chunk in partitions(items, target_bytes):
        if chunk[0].path == "-":
            # Standard input is the client's: it is read and parsed here, in order.
            done = process_chunk(start, chunk, options)
            pending.append(done)
        else:
            pending.append(client.submit(process_chunk, start, chunk, options, pure=False, retries=2))
        while len(pending) >= window:
            yield from _take(pending.pop(0))
    for entry in pending:
        yield from _take(entry)


def _take(entry: Any) -> list[Result]:
    return entry if isinstance(entry, list) else entry.result()
