"""Independent parts of a cross-document step, for a caller that may run them in parallel.

Transforms stay pure: a step that splits its work takes a :class:`Parallel` (a ``map``-like
callable and how many parts to cut), and gives the same result whatever the mapper: the
builtin ``map`` by default, a process pool's ``map`` when the load stage has spare cores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]
"""``map(fn, items)``: results in the order of ``items``; ``fn`` is a module-level function
and items are picklable, so a process pool's map fits."""


@dataclass(frozen=True)
class Parallel:
    """How a step may run its parts: with ``map``, cut into ``parts`` pieces."""

    map: Mapper = map
    parts: int = 1


K = TypeVar("K")

SERIAL = Parallel()
"""One part, in this process."""


def ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` bounds cutting ``range(n)`` into at most ``parts`` near-equal pieces."""
    parts = max(1, min(parts, n))
    bounds = [n * k // parts for k in range(parts + 1)]
    return list(zip(bounds, bounds[1:], strict=False))


def balanced(sizes: dict[K, int], parts: int) -> list[list[K]]:
    """Keys grouped into at most ``parts`` groups of near-equal total size (largest first
    into the lightest group); deterministic for sortable keys, each group's keys sorted."""
    groups: list[tuple[int, int, list[K]]] = [(0, k, []) for k in range(max(1, parts))]
    for key in sorted(sizes, key=lambda s: (-sizes[s], s)):
        total, k, keys = min(groups)
        groups[k] = (total + sizes[key], k, keys + [key])
    return [sorted(keys) for _, _, keys in groups if keys]
