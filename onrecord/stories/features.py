"""Per-article story features, computed during analysis so worker processes and Ray make them.

``StoryFeatures`` is what story building needs from one article without reading its record:
a MinHash signature of its body's word shingles (near-duplicates), hashes of its sentences
(how much of another article it copies), and the words of its title and lead together with
the names, places and dates its record found (same story in other words). MinHash is our own
(NumPy, 64 permutations of a 31-bit universal hash): the whole of what ``datasketch`` would
give us here is twenty lines, and one dependency fewer.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from onrecord.records import ArticleRecord

from onrecord.stories.text import body_of, hash32, lead_of, sentences, story_terms, words

FEATURES_VERSION = 3  # stored beside the features; a change here makes story building redo them
NUM_PERM = 64
SHINGLE = 4  # words per shingle: short enough that a light edit leaves most shingles intact
MIN_SENTENCE_WORDS = 5  # shorter lines ("READ MORE", datelines) say nothing about copying
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20260613)  # fixed: signatures must agree across processes and runs
_A = _rng.integers(1, _PRIME, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, NUM_PERM, dtype=np.uint64)
EMPTY_SIGNATURE = _EMPTY = tuple([_PRIME] * NUM_PERM)  # no shingles: a headline-only article


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What story building reads of one article (see the module docstring)."""

    signature: tuple[int, ...]  # MinHash of the body's word shingles, NUM_PERM values
    sentences: tuple[int, ...]  # 32-bit hashes of the body's folded sentences, in order
    terms: Mapping[str, int]  # title words (counted twice), lead words, "@name", "#place", "~date"
    version: int = FEATURES_VERSION

    def to_json(self) -> str:
        return json.dumps({"v": self.version, "sig": list(self.signature), "sent": list(self.sentences),
                           "terms": dict(self.terms)}, sort_keys=True)

    @classmethod
    def from_json(cls, value: str) -> StoryFeatures:
        d = json.loads(value)
        return cls(tuple(d["sig"]), tuple(d["sent"]), dict(d["terms"]), int(d["v"]))


def minhash(shingles: Iterable[int]) -> tuple[int, ...]:
    """The MinHash signature of a set of 32-bit shingle hashes (all _PRIME when empty)."""
    values = np.fromiter(set(shingles), dtype=np.uint64)
    if values.size == 0:
        return _EMPTY
    hashed = (np.outer(values, _A) + _B) % _PRIME
    return tuple(int(v) for v in hashed.min(axis=0))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    if a == _EMPTY or b == _EMPTY:
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / NUM_PERM


def compute_features(text: str, title: str | None, names: Iterable[str] = (), places: Iterable[str] = (),
                     dates: Iterable[str] = ()) -> StoryFeatures:
    """Features of one article from its text, headline and the entities its record found."""
    body = body_of(text, title)
    tokens = words(body)
    shingles = [hash32(" ".join(tokens[i:i + SHINGLE])) for i in range(max(0, len(tokens) - SHINGLE + 1))]
    if not shingles and tokens:
        shingles = [hash32(" ".join(tokens))]
    hashes = tuple(hash32(" ".join(words(s))) for s in sentences(body)
                   if len(s.split()) >= MIN_SENTENCE_WORDS)
    terms: Counter[str] = Counter()
    headline = title or next(iter(sentences(text)), "")
    for w in story_terms(headline):
        terms[w] += 2
    lead = lead_of(body) if body != headline else ""
    terms.update(story_terms(lead))
    terms.update("@" + " ".join(words(n)) for n in names if n and n.strip())
    terms.update("#" + " ".join(words(p)) for p in places if p and p.strip())
    terms.update("~" + d[:10] for d in dates if d and len(d) >= 10 and d[:4].isdigit())
    return StoryFeatures(minhash(shingles), hashes, dict(terms))


def features_from_record(record: Mapping[str, Any]) -> StoryFeatures:
    """Features from a record in its JSON form (the store's ``articles.record``)."""
    names = [s.get("name") or "" for s in record.get("sources") or () if s.get("identity") == "named"]
    places = [p.get("name") or p.get("text") or "" for p in record.get("places") or ()]
    dates = [t.get("value") or "" for t in record.get("times") or ()]
    return compute_features(str(record.get("text") or ""), record.get("title"), names, places, dates)


def features_of_record(record: ArticleRecord) -> StoryFeatures:
    """Features of a freshly analysed record (the pipeline calls this once per article)."""
    names = [s.name for s in record.sources if s.identity == "named" and s.name]
    places = [str(getattr(p, "name", None) or getattr(p, "text", ""))
              for p in record.findings.get("places", ())]
    dates = [str(getattr(t, "value", None) or "") for t in record.findings.get("times", ())]
    return compute_features(record.text, record.title, names, places, dates)
