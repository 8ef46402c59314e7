"""Claim provenance: link each attribution that repeats an earlier one in its story to its origin.

A repeat is the same speaker making the same assertion. *Verbatim*: the quote-folded words of one
content are the other's, or run inside it ("a warning for every port in Europe" inside a longer
clause), so curly quotes and punctuation do not matter. *Paraphrase*: the speakers share a name
or description word and the contents share most of their content words. The origin is the
earliest article where the claim appears: a repeat of a repeat points past it to the first.
Candidates come from an index of the story's claims by their rarest content words, so a story of
thousands of articles never compares every claim with every other.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from onrecord.nlp.lexicon.stories import GENERIC_SPEAKERS
from onrecord.stories.members import Member
from onrecord.stories.text import content_words, fold, words

MIN_CLAIM_WORDS = 2  # one-word contents ("Yes") repeat by chance
SHINGLE = 4  # verbatim: runs of this many words shared ...
VERBATIM_SHARE = 0.6  # ... covering this share of the shorter content's runs
SPEAKER_FREE_WORDS = 6  # a verbatim repeat this long counts even when the speakers read differently
PARAPHRASE_OVERLAP = 0.4  # share of the shorter content's stems found in the other
PARAPHRASE_MIN_SHARED = 2
QUOTE_WORDS = 3  # a quoted segment this long, found whole in both, is a verbatim repeat
_QUOTED = re.compile(r'"([^"]+)"')
_RAREST = 4  # a claim looks for candidates through its rarest content words
_POSTING_CAP = 400


@dataclass(frozen=True, slots=True)
class Claim:
    """One attribution of one article, as claim provenance compares it."""

    article_id: str
    attribution_id: str
    content_text: str
    content_spans: tuple[tuple[int, int], ...]
    speaker: str | None  # as written ("she", "Marta Zielinska"), or the source's name
    speaker_words: frozenset[str]
    identity: str | None  # the source's identity: named | anonymous | collective
    count: int | None  # people the source denotes ("three sources" → 3)
    folded: str  # the content's words, quote-folded and lower-cased, space-joined
    terms: frozenset[str]  # stems of its content words
    runs: frozenset[str]  # its SHINGLE-word runs (the whole content when shorter)
    quotes: frozenset[str]  # the words of each quoted segment ("…") of at least QUOTE_WORDS words


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """A claim that repeats an earlier one, and the claim where it first appeared."""

    claim: Claim
    origin: Claim
    match: str  # verbatim | paraphrase
    score: float


def stem(word: str) -> str:
    """A crude stem: "killed", "killing" → "kill"; "bonuses", "bonus" → "bonus"."""
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:5]


def _runs(tokens: list[str]) -> frozenset[str]:
    if len(tokens) <= SHINGLE:
        return frozenset({" ".join(tokens)})
    return frozenset(" ".join(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def claims_of(member: Member, not_speakers: frozenset[str] = frozenset()) -> list[Claim]:
    """The attributions of one article that could be repeated claims (with a source, long enough).

    ``not_speakers``: words that name no speaker here (the story's outlets: an outlet credited
    for a quote is where it was read, not who said it).
    """
    record = member.record
    sources = {s.get("id"): s for s in record.get("sources") or () if isinstance(s, Mapping)}
    found = []
    for att in record.get("attributions") or ():
        content = att.get("content") or {}
        spans = tuple((int(s), int(e)) for s, e in content.get("spans") or ())
        text = str(content.get("text") or "")
        if not spans or len(words(text)) < MIN_CLAIM_WORDS:
            continue
        source = sources.get(att.get("source_id")) or {}
        written = (att.get("source") or {}).get("text")
        if not written and not source and len(words(text)) < SPEAKER_FREE_WORDS:
            continue  # "is believed to", "reportedly": nobody to repeat it after
        named = source.get("name") or source.get("description") or written or ""
        speaker_words = frozenset(w for w in content_words(" ".join([named, written or ""]))
                                  if w not in GENERIC_SPEAKERS and w not in not_speakers)
        tokens = words(text)
        found.append(Claim(
            article_id=member.article_id, attribution_id=str(att.get("id")), content_text=text,
            content_spans=spans, speaker=source.get("name") or written, speaker_words=speaker_words,
            identity=source.get("identity"), count=source.get("count"), folded=" ".join(tokens),
            terms=frozenset(stem(w) for w in content_words(text)), runs=_runs(tokens),
            quotes=frozenset(q for q in (" ".join(words(m)) for m in _QUOTED.findall(fold(text)))
                             if len(q.split()) >= QUOTE_WORDS),
        ))
    return found


def _verbatim(a: Claim, b: Claim) -> bool:
    """Word runs shared: the same quote, whatever the quote marks, punctuation or what a content
    span caught around it ("…,” army spokesman Paul Mbala said")."""
    if a.folded == b.folded or a.quotes & b.quotes:
        return True
    shared = len(a.runs & b.runs)
    return shared > 0 and shared >= VERBATIM_SHARE * min(len(a.runs), len(b.runs))


def _speakers_agree(a: Claim, b: Claim, *, required: bool) -> bool:
    """Same speaker as far as the words tell: a shared name or description word.

    Where either side names nobody (a bare pronoun the sources stage left unresolved) a verbatim
    repeat still counts (``required`` False); a paraphrase needs the shared word.
    """
    if a.speaker_words and b.speaker_words:
        return bool(a.speaker_words & b.speaker_words)
    return not required


def match(a: Claim, b: Claim) -> tuple[str, float] | None:
    """How claim ``a`` repeats claim ``b``: ("verbatim" | "paraphrase", score), or None."""
    if _verbatim(a, b):
        if not (a.speaker_words or a.speaker) or not (b.speaker_words or b.speaker):
            long_enough = min(len(a.folded.split()), len(b.folded.split())) >= SPEAKER_FREE_WORDS
            return ("verbatim", 1.0) if long_enough else None
        long_enough = min(len(a.folded.split()), len(b.folded.split())) >= SPEAKER_FREE_WORDS
        return ("verbatim", 1.0) if long_enough or _speakers_agree(a, b, required=False) else None
    shared = len(a.terms & b.terms)
    if shared < PARAPHRASE_MIN_SHARED or not (a.speaker and b.speaker):
        return None
    overlap = shared / min(len(a.terms), len(b.terms))
    if overlap >= PARAPHRASE_OVERLAP and _speakers_agree(a, b, required=False):
        return "paraphrase", round(overlap, 3)
    return None


def link_claims(members: Sequence[Member], copies: Mapping[str, str] | None = None) -> list[ClaimLink]:
    """Link every repeated claim of a story to the claim where it first appeared.

    ``copies`` (copy → original): a copy whose clock says it came first is read after its
    original, so the original stays the origin of what both carry.
    """
    ordered = sorted(members, key=Member.sort_key)
    for copy, original in (copies or {}).items():
        ids = [m.article_id for m in ordered]
        if copy in ids and original in ids and ids.index(copy) < ids.index(original):
            moved = ordered.pop(ids.index(copy))
            ordered.insert([m.article_id for m in ordered].index(original) + 1, moved)
    outlet_words = frozenset(w for m in ordered if m.outlet for w in content_words(m.outlet))
    per_article = [(m, claims_of(m, outlet_words)) for m in ordered]
    df: Counter[str] = Counter()
    for _, claims in per_article:
        for c in claims:
            df.update(c.terms)
    postings: dict[str, list[int]] = defaultdict(list)
    run_postings: dict[str, list[int]] = defaultdict(list)
    seen: list[Claim] = []
    origin_of: dict[int, int] = {}
    links: list[ClaimLink] = []
    for member, claims in per_article:
        found: list[tuple[Claim, int]] = []
        for claim in claims:
            rarest = sorted(claim.terms, key=lambda t: (df[t], t))[:_RAREST]
            candidates = {i for t in rarest for i in postings.get(t, ())[-_POSTING_CAP:]}
            candidates |= {i for r in claim.runs for i in run_postings.get(r, ())[-_POSTING_CAP:]}
            best: tuple[int, tuple[str, float]] | None = None
            for i in sorted(candidates):
                other = seen[i]
                if other.article_id == member.article_id:
                    continue
                how = match(claim, other)
                if how is None:
                    continue
                key = (how[0] == "verbatim", how[1])
                if best is None or key > (best[1][0] == "verbatim", best[1][1]):
                    best = (i, how)
            index = len(seen) + len(found)
            if best is not None:
                root = origin_of.get(best[0], best[0])
                origin_of[index] = root
                links.append(ClaimLink(claim, seen[root], best[1][0], best[1][1]))
            found.append((claim, index))
        for claim, index in found:  # claims of one article never match each other
            seen.append(claim)
            for t in claim.terms:
                postings[t].append(index)
            for r in claim.runs:
                run_postings[r].append(index)
    return links


def claim_dicts(links: Sequence[ClaimLink]) -> dict[str, list[dict[str, Any]]]:
    """Links grouped by article, in the export's form."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        out[link.claim.article_id].append({
            "content": {"text": link.claim.content_text,
                        "spans": [list(s) for s in link.claim.content_spans]},
            "origin": {"article": link.origin.article_id,
                       "content": {"text": link.origin.content_text,
                                   "spans": [list(s) for s in link.origin.content_spans]}},
            "match": link.match,
        })
    return out
