"""Who says so: the attribution whose content holds a span of text.

A figure, time or event stated inside an attribution's content is that source's claim
(``attribution_id``); one in the reporter's own voice belongs to no attribution. Stages
that tie their findings to a speaker share this one rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from onrecord.records import Attribution


def attribution_holding(attributions: Sequence[Attribution], start: int, end: int) -> str | None:
    """The id of the attribution whose content covers ``[start, end)``, else None.

    When contents nest (a quote inside a paraphrase), the narrowest content wins: the
    innermost speaker is the one who says it.
    """
    best: tuple[int, str] | None = None
    for a in attributions:
        for s, e in a.content.spans:
            if s <= start and end <= e and (best is None or e - s < best[0]):
                best = (e - s, a.id)
    return best[1] if best else None
