"""Words that open a line with a colon or a dash but name no speaker ("UPDATE:", "Photo:")."""

from __future__ import annotations

from typing import Final

# Headline labels before a colon: "The latest: ..." is no "Fire chief: ..." attribution.
HEADLINE_NON_SPEAKERS: Final[frozenset[str]] = frozenset({
    "the latest", "watch", "update", "exclusive", "live", "analysis", "opinion", "breaking", "video",
    "photos",
})
# Paragraph labels that look like a transcript speaker or a sign-off name but are not one.
LAYOUT_NON_NAMES: Final[frozenset[str]] = frozenset({
    "note", "update", "editor", "correction", "clarification", "watch", "read", "related", "source",
    "sources", "photo", "video", "q", "a", "question", "answer", "transcript", "excerpt", "warning",
    # wire graphics and fact boxes: "Graphic: World FX rates - here", "FACTBOX: ..."
    "graphic", "graphics", "chart", "factbox", "infographic",
})
