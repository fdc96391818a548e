"""One way to spread per-document work over processes, with results in input order.

Corpus commands read documents, read their anchors and align pairs; each item is
independent, so `map_ordered` hands them to a `ProcessPoolExecutor` in chunks and gives the
results back in the order of the input. Output therefore never depends on `--jobs`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a process pool costs more to start (~0.1 s and the pickling of
# every item and result) than it saves.
PARALLEL_MIN_ITEMS = 64


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """`--jobs` as given: 0 or None means one process per CPU."""
    return jobs if jobs and jobs > 0 else default_jobs()


def map_ordered(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int = 1,
    *,
    progress: Callable[[T], Any] | None = None,
    min_items: int | None = None,
) -> list[R]:
    """`[func(item) for item in items]`, in up to `jobs` processes when there are enough.

    `func` must be a module-level function (it is pickled by name); `progress` is called
    with each item as its result arrives, in input order.
    """
    if min_items is None:
        min_items = PARALLEL_MIN_ITEMS
    if jobs <= 1 or len(items) < min_items:
        out = []
        for item in items:
            out.append(func(item))
            if progress:
                progress(item)
        return out
    from concurrent.futures import ProcessPoolExecutor

    # Several chunks per process keep both busy when items differ in cost, while each
    # chunk is big enough that pickling overhead stays small.
    chunksize = max(1, min(64, len(items) // (jobs * 8)))
    out = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for item, result in zip(items, pool.map(func, items, chunksize=chunksize), strict=True):
            out.append(result)
            if progress:
                progress(item)
    return out
