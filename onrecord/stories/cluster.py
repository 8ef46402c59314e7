"""Group articles into stories, one article at a time, without comparing all pairs.

An arriving article looks for candidates in two indexes over the articles published within
the window of it: LSH buckets of its MinHash signature (near-duplicates: copies and light
edits) and an inverted index of its title and lead terms (the same story in other words).
Each term keeps only its ``POSTING_CAP`` most recent articles, so a term every article shares
costs a bounded amount, and a story of thousands of articles costs what a small one does.
The article then joins the candidate story it is most similar to (cosine of TF-IDF vectors
against the story's centroid, or a near-duplicate of one of its members), or starts a story.

Headline-only articles (no body, so no shingles) share few words with anything. Their IDF
is flattened above ``df_cap`` articles: the few words a whole story's headlines share (the
name at the heart of it) would otherwise weigh less the bigger the story grows, while a
passing word ("trailer", "finale") weighs more. (Articles with a body keep the plain IDF: in a
store of many small stories, flattening would lift common words to the weight of names.) In
articles with a body, terms found in more than ``common_share`` of the window's articles (and
in more than 50) are left out of the vector: summed over a story's members, such words would
outweigh its names in the centroid, and a story merged on them draws in more of the same,
until one story holds every article that shares the outlets' stock phrases. After the
chunk's fragments merge, a fragment made only of headlines and at most ``absorb_max_size``
long folds into the most similar larger story when their centroids' cosine reaches
``absorb_threshold`` (``absorb_fragments``).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from onrecord.stories.features import EMPTY_SIGNATURE, NUM_PERM, StoryFeatures, similarity

BANDS = 16  # LSH: 16 bands of 4 rows find pairs above ~0.5 estimated Jaccard
ROWS = NUM_PERM // BANDS
POSTING_CAP = 200  # articles kept per term (the most recent): bounds the work per article
MAX_CANDIDATE_STORIES = 12  # candidate stories scored per article, by shared-term evidence
MAX_MERGE_CANDIDATES = 40  # stories a fragment is compared with, by shared top terms
NEAR_DUPLICATE = 0.5  # estimated Jaccard above which an article is a near-copy of a member


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """The knobs chosen on dev by cross-validation (docs/stories.md)."""

    threshold: float = 0.225  # cosine to a story's centroid needed to join it
    window_seconds: float = 3 * 86400.0  # only articles published this close are compared
    max_df_share: float = 0.5  # terms in more than this share of articles are not indexed
    df_cap: int = 8  # IDF counts at most this many articles per term (module docstring)
    common_share: float = 0.1  # terms in more of the window's articles (and > 50) leave body vectors
    absorb_threshold: float | None = 0.05  # headline-only fragments fold in at this cosine
    absorb_max_size: int = 10  # the largest fragment that folds in; targets are larger
    merge_top_terms: int = 10  # a fragment's merge candidates share one of its this many top terms
    # Two all-headline fragments merge at this cosine instead (None: the merge threshold). Headline
    # centroids are short and sparse; body centroids share stock phrases and snowball lower down.
    headline_merge_threshold: float | None = 0.2
    linkage: str = "centroid"  # "centroid", or "single" (best member), or "mixed" (the larger)


@dataclass(slots=True)
class _Story:
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0  # squared norm of the centroid, kept up to date as members join
    size: int = 0
    bodies: int = 0  # members with a body (not headline-only)
    last: float | None = None  # newest publication time among members
    first: float | None = None


class StoryIndex:
    """Stories under construction: their centroids and the two candidate indexes."""

    def __init__(self, df: Mapping[str, int], n_docs: int, params: ClusterParams) -> None:
        self.params = params
        self.n_docs = max(1, n_docs)
        self.df = df
        self.max_df = max(50, int(params.max_df_share * self.n_docs))
        self.stories: dict[str, _Story] = {}
        self.story_of: dict[str, str] = {}
        self.published: dict[str, float | None] = {}
        self.signatures: dict[str, tuple[int, ...]] = {}
        self.vectors: dict[str, dict[str, float]] = {}
        self.buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
        self.postings: dict[str, deque[str]] = defaultdict(lambda: deque(maxlen=POSTING_CAP))

    # -- vectors -----------------------------------------------------------------------------

    def vector(self, terms: Mapping[str, int], headline_only: bool = False) -> dict[str, float]:
        """Unit TF-IDF vector (sublinear tf, smooth idf) of an article's terms; a headline-only
        article's IDF counts at most ``df_cap`` articles per term (module docstring)."""
        vec = {}
        cap = self.params.df_cap if headline_only else self.n_docs
        common = math.inf if headline_only else max(50, self.params.common_share * self.n_docs)
        for term, tf in terms.items():
            if self.df.get(term, 0) > common:
                continue
            df = min(self.df.get(term, 0), cap)
            idf = math.log((self.n_docs + 1) / (df + 1)) + 1.0
            vec[term] = (1.0 + math.log(tf)) * idf
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def _within(self, a: float | None, b: float | None) -> bool:
        return a is None or b is None or abs(a - b) <= self.params.window_seconds

    # -- adding ------------------------------------------------------------------------------

    def add(self, article_id: str, story_id: str, published: float | None, features: StoryFeatures) -> None:
        """Put an article (already assigned) into the indexes and its story's centroid."""
        self.story_of[article_id] = story_id
        self.published[article_id] = published
        self.signatures[article_id] = features.signature
        has_body = features.signature != EMPTY_SIGNATURE
        if has_body:  # every headline-only article has the empty signature: no bucket for it
            for band in range(BANDS):
                self.buckets[(band, features.signature[band * ROWS:(band + 1) * ROWS])].append(article_id)
        for term in features.terms:
            if self.df.get(term, 0) <= self.max_df:
                self.postings[term].append(article_id)
        story = self.stories.setdefault(story_id, _Story())
        vec = self.vector(features.terms, not has_body)
        self.vectors[article_id] = vec
        for t, v in vec.items():
            old = story.centroid.get(t, 0.0)
            story.centroid[t] = old + v
            story.norm2 += 2 * old * v + v * v
        story.size += 1
        story.bodies += has_body
        if published is not None:
            story.last = published if story.last is None else max(story.last, published)
            story.first = published if story.first is None else min(story.first, published)

    def merge(self, mapping: Mapping[str, str]) -> None:
        """Fold stories into others (``merge_candidates``' result): centroids, sizes, members."""
        for small, big in mapping.items():
            if small == big or small not in self.stories:
                continue
            a, b = self.stories.pop(small), self.stories[big]
            for t, v in a.centroid.items():
                old = b.centroid.get(t, 0.0)
                b.centroid[t] = old + v
                b.norm2 += 2 * old * v + v * v
            b.size += a.size
            b.bodies += a.bodies
            for attr in ("first", "last"):
                x, y = getattr(a, attr), getattr(b, attr)
                if x is not None:
                    setattr(b, attr, x if y is None else (min(x, y) if attr == "first" else max(x, y)))
        for article_id, sid in self.story_of.items():
            if sid in mapping:
                self.story_of[article_id] = mapping[sid]

    # -- assigning ---------------------------------------------------------------------------

    def near_duplicates(self, published: float | None, features: StoryFeatures) -> list[tuple[float, str]]:
        """Indexed articles sharing an LSH bucket, with their estimated Jaccard (best first)."""
        if features.signature == EMPTY_SIGNATURE:
            return []
        seen: set[str] = set()
        for band in range(BANDS):
            seen.update(self.buckets.get((band, features.signature[band * ROWS:(band + 1) * ROWS]), ()))
        scored = [(similarity(features.signature, self.signatures[a]), a) for a in seen
                  if self._within(published, self.published[a])]
        return sorted(scored, reverse=True)

    def best_story(self, published: float | None, features: StoryFeatures) -> tuple[str | None, float]:
        """The story this article should join and the evidence score, or (None, best score)."""
        for jaccard, other in self.near_duplicates(published, features):
            if jaccard >= NEAR_DUPLICATE:
                return self.story_of[other], jaccard
            break
        votes: Counter[str] = Counter()
        members: set[str] = set()
        keep_members = self.params.linkage != "centroid"
        window, when, story_of = self.params.window_seconds, self.published, self.story_of
        for term in features.terms:  # the hot loop of a build: up to POSTING_CAP per term
            for other in self.postings.get(term, ()):
                other_time = when[other]
                if published is None or other_time is None or abs(published - other_time) <= window:
                    votes[story_of[other]] += 1
                    if keep_members:
                        members.add(other)
        vec = self.vector(features.terms, features.signature == EMPTY_SIGNATURE)
        link: dict[str, float] = {}
        if self.params.linkage != "centroid":
            for other in members:
                ov = self.vectors[other]
                score = sum(v * ov.get(t, 0.0) for t, v in vec.items())
                sid = self.story_of[other]
                if score > link.get(sid, 0.0):
                    link[sid] = score
        best: tuple[str | None, float] = (None, 0.0)
        for story_id, _ in votes.most_common(MAX_CANDIDATE_STORIES):
            story = self.stories[story_id]
            norm = math.sqrt(story.norm2) or 1.0
            score = sum(v * story.centroid.get(t, 0.0) for t, v in vec.items()) / norm
            if self.params.linkage == "single":
                score = link.get(story_id, 0.0)
            elif self.params.linkage == "mixed":
                score = max(score, link.get(story_id, 0.0))
            if score > best[1]:
                best = (story_id, score)
        if best[0] is not None and best[1] >= self.params.threshold:
            return best
        return None, best[1]


def merge_candidates(index: StoryIndex, stories: Iterable[str], threshold: float) -> dict[str, str]:
    """Fragments of one story to fold together: story -> the story it merges into.

    Arriving one at a time, early articles of a story can start fragments that later articles
    never bridge; comparing the fragments' centroids (stories sharing a top term, within the
    window of each other) and merging those above ``threshold`` is centroid-linkage clustering
    one level up, and stays near-linear through the same capped index. Pairs are taken best
    first, and a group grown this round joins another only if their summed centroids still
    reach the threshold: joined like single linkage, A~B and B~C would merge A with C, and one
    story would snowball over every subject its bridging fragments touch.
    """
    def unit(story: _Story) -> dict[str, float]:
        norm = math.sqrt(story.norm2) or 1.0
        return {t: v / norm for t, v in story.centroid.items()}

    top_terms = index.params.merge_top_terms
    wanted = [sid for sid in dict.fromkeys(stories) if sid in index.stories]
    by_term: dict[str, list[str]] = defaultdict(list)
    tops: dict[str, list[str]] = {}
    units: dict[str, dict[str, float]] = {}
    for sid, story in index.stories.items():
        tops[sid] = [t for t, _ in sorted(story.centroid.items(), key=lambda kv: -kv[1])[:top_terms]]
        for term in tops[sid]:
            by_term[term].append(sid)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent.get(x, x)
        return x

    headline_threshold = index.params.headline_merge_threshold

    bodies = {sid: story.bodies for sid, story in index.stories.items()}  # by group root, this round

    def needed(x: str, y: str) -> float:
        """The cosine two fragments must reach: lower for two fragments of headlines only."""
        if headline_threshold is not None and not bodies[x] and not bodies[y]:
            return headline_threshold
        return threshold

    pairs: list[tuple[float, str, str]] = []
    for sid in wanted:
        a = index.stories[sid]
        ua = units.setdefault(sid, unit(a))
        votes: Counter[str] = Counter()
        for term in tops[sid]:
            votes.update(other for other in by_term[term][-POSTING_CAP:] if other != sid)
        for other, _ in votes.most_common(MAX_MERGE_CANDIDATES):  # most shared top terms first
            b = index.stories[other]
            if not _overlap(a, b, index.params.window_seconds):
                continue
            ub = units.setdefault(other, unit(b))
            score = sum(v * ub.get(t, 0.0) for t, v in ua.items())
            if score >= needed(sid, other):
                pairs.append((score, sid, other))
    sums: dict[str, dict[str, float]] = {}  # a merged group's summed centroid, by its root
    for _, x, y in sorted(pairs, reverse=True):
        rx, ry = find(x), find(y)
        if rx == ry:
            continue
        if rx in sums or ry in sums:  # a group formed this round: its own centroid must still agree
            cx = sums.get(rx) or index.stories[rx].centroid
            cy = sums.get(ry) or index.stories[ry].centroid
            if cosine(cx, cy) < needed(rx, ry):
                continue
        big, small = (rx, ry) if index.stories[rx].size >= index.stories[ry].size else (ry, rx)
        parent[small] = big
        bodies[big] += bodies[small]
        merged = dict(sums.pop(big) if big in sums else index.stories[big].centroid)
        for t, v in (sums.pop(small) if small in sums else index.stories[small].centroid).items():
            merged[t] = merged.get(t, 0.0) + v
        sums[big] = merged
    return {sid: find(sid) for sid in parent}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values())) or 1.0
    nb = math.sqrt(sum(v * v for v in b.values())) or 1.0
    return dot / (na * nb)


def absorb_fragments(index: StoryIndex, stories: Iterable[str]) -> dict[str, str]:
    """Headline-only fragments to fold into a larger story: fragment -> the story it joins.

    A fragment qualifies when none of its members has a body and it has at most
    ``absorb_max_size`` members; its target is the candidate story (sharing indexed terms,
    within the window) of more than ``absorb_max_size`` members whose centroid is closest,
    if their cosine reaches ``absorb_threshold``. Targets never fold themselves, so one pass
    settles it.
    """
    params = index.params
    if params.absorb_threshold is None:
        return {}
    mapping: dict[str, str] = {}
    for sid in dict.fromkeys(stories):
        story = index.stories.get(sid)
        if story is None or story.bodies or story.size > params.absorb_max_size:
            continue
        norm = math.sqrt(story.norm2) or 1.0
        votes: Counter[str] = Counter()
        for term in story.centroid:
            for other in index.postings.get(term, ()):
                if index.story_of[other] != sid:
                    votes[index.story_of[other]] += 1
        best: tuple[str | None, float] = (None, 0.0)
        for target_id, _ in votes.most_common(MAX_CANDIDATE_STORIES):
            target = index.stories[target_id]
            if target.size <= params.absorb_max_size or not _overlap(story, target, params.window_seconds):
                continue
            score = sum(v * target.centroid.get(t, 0.0) for t, v in story.centroid.items()) / (
                norm * (math.sqrt(target.norm2) or 1.0))
            if score > best[1]:
                best = (target_id, score)
        if best[0] is not None and best[1] >= params.absorb_threshold:
            mapping[sid] = best[0]
    return mapping


@dataclass(slots=True)
class ChunkResult:
    """What ``cluster_chunk`` did: each new article's story and score, the stories touched and
    the stories merged away (old id -> the id it now lives under)."""

    assigned: dict[str, tuple[str, float]] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)
    merged: dict[str, str] = field(default_factory=dict)
    new_stories: int = 0


def cluster_chunk(index: StoryIndex, pending: Iterable[tuple[str, float | None, StoryFeatures]],
                  new_story_id: Callable[[str], str], merge_threshold: float,
                  merge_rounds: int = 3) -> ChunkResult:
    """Put a chunk of new articles (oldest first) into the index's stories: join or start,
    merge fragments (up to ``merge_rounds`` rounds), then fold headline-only fragments in."""
    result = ChunkResult()
    for article_id, published, features in pending:
        sid, score = index.best_story(published, features)
        if sid is None:
            sid, score = new_story_id(article_id), 1.0
            result.new_stories += 1
        index.add(article_id, sid, published, features)
        result.assigned[article_id] = (sid, score)
        result.touched.add(sid)
    rounds: list[dict[str, str]] = []
    for _ in range(merge_rounds):
        mapping = merge_candidates(index, result.touched, merge_threshold)
        if not mapping:
            break
        rounds.append(mapping)
        index.merge(mapping)
        result.touched = {mapping.get(s, s) for s in result.touched}
    absorbed = absorb_fragments(index, result.touched)
    if absorbed:
        rounds.append(absorbed)
        index.merge(absorbed)
        result.touched = {absorbed.get(s, s) for s in result.touched}
    for mapping in rounds:
        for small, big in mapping.items():
            result.merged = {k: (big if v == small else v) for k, v in result.merged.items()}
            result.merged[small] = big
    return result


def _overlap(a: _Story, b: _Story, window: float) -> bool:
    """Two stories' spans of publication come within ``window`` of each other."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return True
    return a.first - window <= b.last and b.first - window <= a.last


def document_frequencies(all_terms: Iterable[Mapping[str, int]]) -> tuple[Counter[str], int]:
    """Document frequency of every term, and the number of documents."""
    df: Counter[str] = Counter()
    n = 0
    for terms in all_terms:
        df.update(terms.keys())
        n += 1
    return df, n
