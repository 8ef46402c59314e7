"""Relations between the articles of one story: ``copy_of``, ``cites``, ``follows_up``.

* ``copy_of``: most of an article's body sentences are another member's. The copy is the later
  one, unless one of the two names the other's outlet in a credit or dateline ("(NPA)"): that one
  is the copy whatever the clocks say (clock skew). Headline-only articles cannot show copying.
* ``cites``: the article credits another member's outlet ("Meridian Wire reported", "according to
  NPA", "told West Africa Wire"). The target is that outlet's earliest article in the story.
  A credited outlet with no article in the store is kept as an external credit (no target).
* ``follows_up``: a later independent article, at least ``FOLLOW_UP_HOURS`` after the first
  report, builds on the first report.

Sentence hashes are indexed, so a story of thousands of articles is not compared pair by pair.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from onrecord.nlp.lexicon.source_nouns import MEDIA_NAME_HEADS
from onrecord.nlp.lexicon.stories import CREDIT_PATTERNS, OUTLET_NAME_FILLERS
from onrecord.stories.members import Member

COPY_SHARE = 0.5  # share of an article's body sentences found in another member: a copy
MIN_COPY_SENTENCES = 3  # fewer body sentences (a headline) cannot show copying
FOLLOW_UP_HOURS = 12.0  # a later report this long after the first report follows it up
_MAX_SENTENCE_POSTINGS = 50  # a sentence in more members than this is boilerplate, not evidence

RelationType = str  # "copy_of" | "cites" | "follows_up"


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link from one article to an earlier one, with what shows it."""

    article_id: str
    type: RelationType
    target_id: str | None  # None: an external credit (an outlet with no article in the store)
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


def initials(outlet: str) -> str | None:
    """"Northbridge Press Agency" → "NPA"; None for one-word names."""
    parts = [p for p in re.findall(r"[A-Za-z][\w'’]*", outlet) if p.lower() not in OUTLET_NAME_FILLERS]
    return "".join(p[0].upper() for p in parts) if len(parts) >= 2 else None


def outlet_names(outlet: str) -> list[str]:
    """The ways a text names an outlet: its name, without "The", and its initials."""
    names = [outlet.strip()]
    if outlet.lower().startswith("the "):
        names.append(outlet[4:].strip())
    short = initials(outlet)
    if short and len(short) >= 2:
        names.append(short)
    return [n for n in dict.fromkeys(names) if n]


class CreditFinder:
    """Finds which of a set of outlets an article credits, with the phrase that credits it."""

    def __init__(self, outlets: Iterable[str]) -> None:
        self.by_name: dict[str, str] = {}
        self.initials: set[str] = set()
        for outlet in outlets:
            for name in outlet_names(outlet):
                self.by_name.setdefault(name.lower(), outlet)
            short = initials(outlet)
            if short:
                self.initials.add(short.lower())
        names = sorted(self.by_name, key=len, reverse=True)
        if not names:
            self.patterns: list[re.Pattern[str]] = []
            return
        alternation = "(?P<o>" + "|".join(re.escape(n) for n in names) + r")\b"
        alternation = r"(?:the\s+)?" + alternation
        self.patterns = [re.compile(p.format(o=alternation), re.IGNORECASE) for p in CREDIT_PATTERNS]

    def credits(self, text: str) -> dict[str, tuple[int, int, str]]:
        """Credited outlet → (start, end, phrase) of its first credit in ``text``."""
        found: dict[str, tuple[int, int, str]] = {}
        for pattern in self.patterns:
            for m in pattern.finditer(text):
                name = m.group("o")
                # Initials must be written in capitals: "npa" in running text is not the agency.
                if name.lower() in self.initials and not name.isupper():
                    continue
                outlet = self.by_name.get(name.lower())
                if outlet and (outlet not in found or m.start() < found[outlet][0]):
                    found[outlet] = (m.start(), m.end(), m.group(0))
        return found


_MEDIA_NAME = re.compile(
    r"\b((?:[A-Z][\w'’]+\s+){0,3}(?:" + "|".join(sorted(h.capitalize() for h in MEDIA_NAME_HEADS)) + r"))\b")


def named_outlets(text: str) -> set[str]:
    """Outlet-like names in a text ("the Orrin Bulletin"): credits to outlets outside the store."""
    return {m.group(1).strip() for m in _MEDIA_NAME.finditer(text) if " " in m.group(1).strip()}


def _body_sentences(member: Member) -> list[int]:
    return list(dict.fromkeys(member.features.sentences))


def find_relations(members: Sequence[Member], external_outlets: Iterable[str] = ()) -> list[Relation]:
    """Every relation within one story (members in any order)."""
    ordered = sorted(members, key=Member.sort_key)
    rank = {m.article_id: i for i, m in enumerate(ordered)}
    by_id = {m.article_id: m for m in ordered}
    outlets = [m.outlet for m in ordered if m.outlet]
    external = {name for m in ordered for name in named_outlets(m.text)} | set(external_outlets)
    finder = CreditFinder(list(dict.fromkeys([*outlets, *sorted(external)])))
    credits = {m.article_id: finder.credits(m.text) for m in ordered}

    relations: list[Relation] = []
    copied = _copies(ordered, rank, credits)
    relations += copied.values()
    first_outlet_article: dict[str, str] = {}
    for m in ordered:
        if m.outlet and m.outlet not in first_outlet_article:
            first_outlet_article[m.outlet] = m.article_id
    cited: set[str] = set()
    for m in ordered:
        if m.article_id in copied:
            continue
        for outlet, (start, end, phrase) in sorted(credits[m.article_id].items(), key=lambda kv: kv[1][0]):
            if outlet == m.outlet or phrase.startswith("("):
                continue  # an outlet's own name, or a dateline: not a credit for a rewrite
            target = _credited_article(ordered, rank, m, outlet)
            evidence: dict[str, Any] = {"outlet": outlet, "phrase": phrase, "spans": [[start, end]]}
            relations.append(Relation(m.article_id, "cites", target, 1.0, evidence))
            cited.add(m.article_id)
            break
    first = next((m for m in ordered if m.published is not None
                  and m.article_id not in copied and m.article_id not in cited), None)
    if first is not None:
        for m in ordered:
            if m.article_id in copied or m.article_id in cited or m.published is None or m is first:
                continue
            gap = (m.published - first.published) / 3600.0 if first.published is not None else 0.0
            if gap >= FOLLOW_UP_HOURS:
                after: dict[str, Any] = {"hours_after": round(gap, 1),
                                         "outlet": by_id[first.article_id].outlet}
                relations.append(Relation(m.article_id, "follows_up", first.article_id, 1.0, after))
    return relations


def _credited_article(ordered: Sequence[Member], rank: dict[str, int], m: Member, outlet: str) -> str | None:
    """The credited outlet's earliest article in the story other than ``m``; None if it has none."""
    for other in ordered:
        if other.outlet == outlet and other.article_id != m.article_id:
            return other.article_id
    return None


def _copies(ordered: Sequence[Member], rank: dict[str, int],
            credits: dict[str, dict[str, tuple[int, int, str]]]) -> dict[str, Relation]:
    """copy → its relation: the member it shares the most sentences with, direction settled."""
    postings: dict[int, list[str]] = defaultdict(list)
    sentences = {m.article_id: _body_sentences(m) for m in ordered}
    for m in ordered:
        for h in sentences[m.article_id]:
            postings[h].append(m.article_id)
    by_id = {m.article_id: m for m in ordered}
    pairs: dict[tuple[str, str], float] = {}
    for m in ordered:
        own = sentences[m.article_id]
        if len(own) < MIN_COPY_SENTENCES:
            continue
        shared: Counter[str] = Counter()
        for h in own:
            ids = postings[h]
            if len(ids) <= _MAX_SENTENCE_POSTINGS:
                shared.update(i for i in ids if i != m.article_id)
        for other, count in shared.items():
            if len(sentences[other]) < MIN_COPY_SENTENCES:
                continue
            share = count / len(own)
            if share >= COPY_SHARE:
                pairs[(m.article_id, other)] = share
    copies: dict[str, Relation] = {}
    for (a, b), share in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        copy, original, why = _direction(by_id[a], by_id[b], rank, credits)
        if copy != a or copy in copies:
            continue
        if original in copies and copies[original].target_id == copy:
            continue  # never both ways
        copies[copy] = Relation(copy, "copy_of", original, round(share, 3),
                                {"shared_sentences": round(share, 3), "direction": why})
    return copies


def _direction(a: Member, b: Member, rank: dict[str, int],
               credits: dict[str, dict[str, tuple[int, int, str]]]) -> tuple[str, str, str]:
    """(copy, original, why) for two articles that share most sentences."""
    a_names_b = b.outlet is not None and b.outlet != a.outlet and b.outlet in credits[a.article_id]
    b_names_a = a.outlet is not None and a.outlet != b.outlet and a.outlet in credits[b.article_id]
    if a_names_b and not b_names_a:
        return a.article_id, b.article_id, "credits the original's outlet"
    if b_names_a and not a_names_b:
        return b.article_id, a.article_id, "credits the original's outlet"
    if rank[a.article_id] > rank[b.article_id]:
        return a.article_id, b.article_id, "published later"
    return b.article_id, a.article_id, "published later"
