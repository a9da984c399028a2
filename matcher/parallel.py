"""Weighing many documents' terms on every core: a full fit at district scale.

Tokenizing is most of a full fit (100,000 people: about two thirds of its CPU time), each
document alone, so the people are weighed by forked processes, in order, while this process
builds the matrix from what comes back (matcher/fitting.py streams it). The children inherit the
documents and the tokenizer by `fork`, so only the weighed terms travel, pickled. Below
`PARALLEL_FROM` documents (a test, the demo) forking costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

PARALLEL_FROM = 20_000
CHUNK = 1_000
"""Documents per task: large enough that a task's overhead is small, small enough that the
first results come back at once and the processes end together."""

_work: tuple[Callable[[Any], dict[str, float]], Sequence[Any]] | None = None
"""What the forked children weigh, set just before they are forked (inherited, never pickled)."""


def default_processes(documents: int) -> int:
    """Every core for a district's registry, one process below `PARALLEL_FROM` documents."""
    return (os.cpu_count() or 1) if documents >= PARALLEL_FROM else 1


def weighed(weigh: Callable[[Any], dict[str, float]], items: Sequence[Any], processes: int
            ) -> Iterator[dict[str, float]]:
    """`weigh(item)` for each of `items`, in their order, on `processes` forked processes (in
    this one when `processes` is 1 or the items fit in one `CHUNK`)."""
    chunk = CHUNK
    if processes <= 1 or len(items) <= chunk:
        yield from map(weigh, items)
        return
    global _work
    _work = (weigh, items)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            bounds = [(start, start + chunk) for start in range(0, len(items), chunk)]
            for part in pool.imap(_weigh_chunk, bounds):
                yield from part
    finally:
        _work = None


def _weigh_chunk(bounds: tuple[int, int]) -> list[dict[str, float]]:
    if _work is None:
        raise RuntimeError("matcher.parallel: a child process found no work (not forked?)")
    weigh, items = _work
    return [weigh(item) for item in items[bounds[0]:bounds[1]]]
