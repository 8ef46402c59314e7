"""Maximum bipartite matching (Hopcroft–Karp's simpler cousin: augmenting paths).

One-to-one counting means a duplicated prediction can match only once; greedy matching
undercounts, so the scorer needs a real maximum matching.
"""

from __future__ import annotations

from collections.abc import Sequence


def max_matching(edges: Sequence[Sequence[int]], n_right: int) -> list[int]:
    """Return, per left node, the matched right node or -1. ``edges[i]`` lists i's neighbours."""
    match_right = [-1] * n_right
    match_left = [-1] * len(edges)

    def augment(i: int, seen: list[bool]) -> bool:
        for j in edges[i]:
            if seen[j]:
                continue
            seen[j] = True
            if match_right[j] == -1 or augment(match_right[j], seen):
                match_right[j] = i
                match_left[i] = j
                return True
        return False

    for i in range(len(edges)):
        if edges[i]:
            augment(i, [False] * n_right)
    return match_left
