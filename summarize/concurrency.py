"""Work on a few threads, results handed back as they finish: bounded, lazy, and quick to stop.

``map_unordered`` keeps at most ``2 x threads`` jobs in flight (the input may be a long
generator: memory stays flat), gives each thread its own worker (made on the thread's first
job, closed when the thread ends), and yields results in the order they finish. Threads suit
the work here: an article spends its time waiting for the endpoint, which releases the GIL.

When the consumer stops early (a failed write, an exception, Ctrl-C), no new job starts; jobs
already running finish on their own and their threads close their workers, without holding up
the caller (the threads are daemons, so a process that exits does not wait for a slow request).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

J = TypeVar("J")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
J_contra = TypeVar("J_contra", contravariant=True)


class Worker(Protocol[J_contra, R_co]):
    """Does one job at a time on one thread; closed when its thread is done."""

    def __call__(self, job: J_contra) -> R_co: ...

    def close(self) -> None: ...


class _Done:
    """Tells a thread that no more jobs will come."""


_DONE = _Done()


class _Failure:
    """An exception a worker raised (a bug, not an article's failure): re-raised to the consumer."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def map_unordered(jobs: Iterable[J], new_worker: Callable[[int], Worker[J, R]], threads: int) -> Iterator[R]:
    """Run every job on ``threads`` threads (``new_worker(slot)`` makes each thread's worker);
    yield the results as they finish. With one thread, everything runs on the caller's thread."""
    if threads <= 1:
        yield from _inline(jobs, new_worker)
        return
    todo: queue.Queue[J | _Done] = queue.Queue()
    done: queue.Queue[R | _Failure] = queue.Queue()
    stop = threading.Event()

    def run(slot: int) -> None:
        worker: Worker[J, R] | None = None
        try:
            while True:
                job = todo.get()
                if isinstance(job, _Done) or stop.is_set():
                    return
                try:
                    if worker is None:
                        worker = new_worker(slot)
                    done.put(worker(job))
                except BaseException as exc:  # re-raised in the consumer's thread
                    done.put(_Failure(exc))
                    return
        finally:
            if worker is not None:
                worker.close()

    pool = [
        threading.Thread(target=run, args=(slot,), daemon=True, name=f"summarize-{slot}")
        for slot in range(threads)
    ]
    for thread in pool:
        thread.start()
    pending, exhausted = 0, False
    source = iter(jobs)
    try:
        while True:
            while not exhausted and pending < 2 * threads:
                try:
                    todo.put(next(source))
                    pending += 1
                except StopIteration:
                    exhausted = True
            if pending == 0:
                break
            result = done.get()
            pending -= 1
            if isinstance(result, _Failure):
                raise result.error
            yield result
    finally:
        stop.set()
        for _ in pool:
            todo.put(_DONE)
        if exhausted and pending == 0:
            for thread in pool:  # every job is done: the threads are closing their workers
                thread.join()


def _inline(jobs: Iterable[J], new_worker: Callable[[int], Worker[J, R]]) -> Iterator[R]:
    worker: Worker[J, R] | None = None
    try:
        for job in jobs:
            if worker is None:
                worker = new_worker(0)
            yield worker(job)
    finally:
        if worker is not None:
            worker.close()
