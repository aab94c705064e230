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

from .batch import WORKER_DIED, Input, Options, Result, failure, process_chunk

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


class Connection:
    """A client, and the local cluster it was made with (closed with it, workers first, quietly)."""

    def __init__(self, client: Any, cluster: Any = None) -> None:
        self.client = client
        self.cluster = cluster

    def close(self) -> None:
        import contextlib
        import logging

        # The workers' last heartbeats may find the scheduler gone and log a traceback each: not
        # news at the end of a run, so the cluster's loggers are quiet while it shuts down.
        names = [name for name in logging.root.manager.loggerDict if name.startswith(("distributed", "tornado"))]
        loggers = [logging.getLogger(name) for name in ("distributed", "tornado", "asyncio", *names)]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.setLevel(logging.CRITICAL)
        try:
            with contextlib.suppress(Exception):
                self.client.close()
            if self.cluster is not None:
                with contextlib.suppress(Exception):
                    self.cluster.close()
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)


def connect(scheduler: str | None, workers: int) -> Connection:
    """A client of the cluster at ``scheduler``, or of a new local cluster with ``workers`` processes."""
    try:
        import logging

        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - exercised where the extra is missing
        raise MissingExtra(f"--engine dask needs the dask extra: {EXTRA_HINT}") from exc
    if scheduler:
        return Connection(Client(scheduler))
    # No dashboard; the scheduler's HTTP routes (health checks) on a free port of the loopback
    # interface, not 8787: another cluster on this machine must not make it warn.
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )
    return Connection(Client(cluster), cluster)


def run(
    items: Iterable[Input], options: Options, client: Any, target_bytes: int = 4_000_000, window: int | None = None
) -> Iterator[Result]:
    """Results in input order, each partition parsed by one task on the cluster."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = window or workers * 3
    pending: list[tuple[int, list[Input], Any]] = []
    for start, chunk in partitions(items, target_bytes):
        if chunk[0].path == "-":
            # Standard input is the client's: it is read and parsed here, in order.
            done = process_chunk(start, chunk, options)
            pending.append((start, chunk, done))
        else:
            pending.append((start, chunk, client.submit(process_chunk, start, chunk, options, pure=False, retries=2)))
        while len(pending) >= window:
            yield from _take(client, options, *pending.pop(0))
    for entry in pending:
        yield from _take(client, options, *entry)


def _take(client: Any, options: Options, start: int, chunk: list[Input], entry: Any) -> list[Result]:
    """A partition's results; when its task failed for good (its workers died each time it ran, most
    often for their memory), its inputs run one by one, and those that fail again get an error record."""
    if isinstance(entry, list):
        return entry
    try:
        results: list[Result] = entry.result()
        return results
    except Exception:
        if len(chunk) == 1:
            return [failure(start, chunk[0], "worker-died", WORKER_DIED)]
    results = []
    for offset, item in enumerate(chunk):
        future = client.submit(process_chunk, start + offset, [item], options, pure=False, retries=1)
        try:
            results.extend(future.result())
        except Exception:
            results.append(failure(start + offset, item, "worker-died", WORKER_DIED))
    return results
