"""Worker processes that parse chunks of inputs, each with a pipe of its own, and may die.

The standard library's ProcessPoolExecutor shares one result pipe among its workers and
reads it from a thread: a worker killed while it writes a result (the kernel's
out-of-memory killer picks the largest process, often one writing a large result) leaves
that thread waiting for the rest of the message forever, and the pool can then be neither
used nor shut down.  Here each worker has its own pipe, whose other end only that worker
holds: when it dies, reading the pipe ends, and the parent knows which chunk was lost.
There is no thread to join, so an interrupt ends every worker at once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

Task = TypeVar("Task")
Answer = TypeVar("Answer")


def _init() -> None:
    """Leave Ctrl-C to the parent, die on SIGTERM, and die with the parent should it be killed."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _serve(conn: Connection, work: Callable[[Any], Any]) -> None:
    _init()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        conn.send(work(task))


class Worker(Generic[Task, Answer]):
    """One process that runs ``work`` on the tasks sent to it, one at a time."""

    def __init__(self, work: Callable[[Task], Answer]) -> None:
        parent, child = multiprocessing.Pipe(duplex=True)
        self.process = multiprocessing.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()  # the worker's end is the worker's alone: its death ends the pipe
        self.conn = parent
        self.task: Task | None = None

    def send(self, task: Task) -> None:
        self.task = task
        with contextlib.suppress(OSError):  # dead already: the next receive says so
            self.conn.send(task)

    def receive(self) -> Answer | None:
        """The answer to the task, or None when the worker died before giving it whole."""
        try:
            answer: Answer = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            return None
        self.task = None
        return answer

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join()
        self.conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join()
        self.conn.close()


def ready(workers: list[Worker[Any, Any]]) -> list[Worker[Any, Any]]:
    """The busy workers that have an answer, or died, waiting until one of them does."""
    busy = [w for w in workers if w.task is not None]
    signals: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
    fired = set(wait(signals))
    return [w for w in busy if w.conn in fired or w.process.sentinel in fired]


def run_alone(work: Callable[[Task], Answer], task: Task) -> Answer | None:
    """``work(task)`` in a process of its own: None when that process dies too."""
    worker: Worker[Task, Answer] = Worker(work)
    try:
        worker.send(task)
        answer = worker.receive()
    except BaseException:
        worker.kill()
        raise
    if answer is not None:
        worker.close()
    return answer
