"""Invisible format characters: left out of the text spaCy reads, kept in the record's text.

A zero-width space inside a name ("Maria Ko\\u200bwalski") or a soft hyphen inside a cue
("sa\\u00adid") splits a token in two, and the source or the attribution is lost. So the
analysis reads the text without them (``without_invisible``), and every offset it finds is
mapped back into the original text before the record is built (``OffsetMap.restore``): the
record's ``text`` is the text as given, and ``text[start:end]`` is each span's text (which may
then hold the invisible character: that is what the article says).

Removed: U+200B zero-width space, U+2060 word joiner, U+FEFF zero-width no-break space (BOM),
U+00AD soft hyphen; U+200C/U+200D (zero-width non-joiner/joiner) only between two Latin
letters, since elsewhere they shape a script (Persian, Indic) or join an emoji sequence.

A text without them costs one regex search and is analysed as given.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onrecord.records import ArticleRecord

_LATIN = "A-Za-z\u00c0-\u024f"
INVISIBLE = re.compile(f"[\u200b\u2060\ufeff\u00ad]|(?<=[{_LATIN}])[\u200c\u200d](?=[{_LATIN}])")

_OFFSET_LISTS = ("mentions",)  # keys whose value is a list of [start, end] pairs with no text of its own


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets into the text without invisible characters back into the original text.

    ``gaps[i]`` is the position, in the normalised text, where the i-th removed character was
    (the index of the next kept character): a normalised index ``j`` is the original index
    ``j + bisect_right(gaps, j)``.
    """

    original: str
    gaps: tuple[int, ...]

    def index(self, j: int) -> int:
        """The original index of the character at normalised index ``j``."""
        return j + bisect.bisect_right(self.gaps, j)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A half-open normalised span as a half-open original span (its first to its last character)."""
        if end <= start:
            at = self.index(start)
            return at, at
        return self.index(start), self.index(end - 1) + 1

    def spans(self, pairs: Sequence[Sequence[int]]) -> list[list[int]]:
        return [list(self.span(int(s), int(e))) for s, e in pairs]

    def restore(self, value: Any) -> Any:
        """A record's JSON form (or any part of it) with every span mapped into the original text.

        Every ``{"text", "spans"}`` object gets original offsets and its text read again from
        the original (fragments joined by one space, as ``records.Span`` joins them); every
        ``mentions`` list gets original offsets. This is the one place spans are mapped, for
        every kind of finding, declared or a plugin's.
        """
        if isinstance(value, list):
            return [self.restore(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {k: self.restore(v) for k, v in value.items()}
        for key in _OFFSET_LISTS:
            if isinstance(out.get(key), list):
                out[key] = self.spans(out[key])
        spans, text = out.get("spans"), out.get("text")
        if isinstance(spans, list) and spans and all(_is_pair(p) for p in spans):
            restored = self.spans(spans)
            out["spans"] = restored
            if isinstance(text, str):
                out["text"] = " ".join(self.original[s:e] for s, e in restored)
        return out


def _is_pair(p: object) -> bool:
    return isinstance(p, list | tuple) and len(p) == 2 and all(isinstance(x, int) for x in p)


def without_invisible(text: str) -> tuple[str, OffsetMap | None]:
    """The text for analysis, and the map back to ``text`` (None when nothing was removed)."""
    if INVISIBLE.search(text) is None:
        return text, None
    kept: list[str] = []
    gaps: list[int] = []
    last = 0
    for m in INVISIBLE.finditer(text):
        kept.append(text[last:m.start()])
        gaps.append(m.start() - len(gaps))
        last = m.end()
    kept.append(text[last:])
    return "".join(kept), OffsetMap(text, tuple(gaps))


def restore_record(record: ArticleRecord, offsets: OffsetMap) -> ArticleRecord:
    """``record`` (found in the text without invisible characters) over the original text."""
    from onrecord.records import ArticleRecord

    restored: dict[str, Any] = offsets.restore(record.to_dict())
    restored["text"] = offsets.original
    return ArticleRecord.from_dict(restored)
