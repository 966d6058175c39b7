"""Shared by the benchmark scripts: the median of repeated runs after one warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired(
    base: Callable[[], object], fn: Callable[[], object], repeat: int = 11
) -> tuple[float, float, float]:
    """Medians of `base` and `fn` and of their ratio, the two run in turn.

    On a shared machine the speed drifts by up to 2x over a minute; a ratio of two
    runs made one right after the other keeps most of that drift out.
    """
    base()
    fn()
    bases, fns, ratios = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        base()
        middle = time.perf_counter()
        fn()
        end = time.perf_counter()
        bases.append(middle - start)
        fns.append(end - middle)
        ratios.append((end - middle) / (middle - start))
    return statistics.median(bases), statistics.median(fns), statistics.median(ratios)
