"""Token features for the attribution tagger.

One sequence per paragraph (PolNeAR contents never cross a blank line, but they often
run over several sentences). Features are plain strings; everything per-document is
precomputed into lists first so the per-token cost stays a few microseconds.

The features that carry most weight are the tree-path ones: the nearest ancestor whose
lemma is in the learned cue lexicon and the dependency label of the child on the path to
it ("nsubj under a reporting verb" is a source, "ccomp under it" is content).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.tokens import Doc

from onrecord.nlp.attributions.lexicon import CueLexicon
from onrecord.nlp.lexicon.punctuation import (
    AMBIGUOUS_QUOTES,
    APOSTROPHE,
    CLOSE_QUOTES,
    OPEN_QUOTES,
    SINGLE_CLOSE_QUOTE,
    SINGLE_OPEN_QUOTE,
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Token indices of one tagging unit and their feature lists."""

    tokens: list[int]
    features: list[list[str]]


_CLAUSAL = frozenset({"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "advcl", "parataxis", "dative"})


def _bucket(score: float) -> str:
    """The cue-lexicon score as a coarse feature value."""
    if score <= 0.0:
        return "0"
    if score < 0.08:
        return "lo"
    if score < 0.3:
        return "mid"
    if score < 0.6:
        return "hi"
    return "top"


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token strings and indices of one Doc, read once with ``Doc.to_array``.

    Iterating a Doc creates a Python Token per access; reading columns as arrays and
    mapping hashes through a cache is several times cheaper.
    """

    text: list[str]
    lower: list[str]
    lemma: list[str]  # lower-cased
    tag: list[str]
    dep: list[str]
    head: list[int]  # absolute index
    ent: list[str]
    sent_id: list[int]
    sent_start: list[bool]
    sent_end: list[bool]


_STR: dict[int, str] = {}
_LOWER_LEMMA: dict[int, str] = {}


def token_table(doc: Doc) -> TokenTable:
    """Read ``doc`` once into a ``TokenTable`` (paragraph breaks always end a sentence)."""
    n = len(doc)
    strings = doc.vocab.strings
    array = doc.to_array([ORTH, LOWER, LEMMA, TAG, DEP, HEAD, ENT_TYPE, SENT_START])
    cols = array.T.tolist() if n else [[] for _ in range(8)]  # column lists: far cheaper than rows

    def lookup(h: int) -> str:
        v = _STR.get(h)
        if v is None:
            v = _STR[h] = strings[h] if h else ""
        return v

    def lookup_lemma(h: int) -> str:
        v = _LOWER_LEMMA.get(h)
        if v is None:
            v = _LOWER_LEMMA[h] = (strings[h] if h else "").lower()
        return v

    text = _strings(cols[0], _STR, lookup)
    lower = _strings(cols[1], _STR, lookup)
    lemma = _strings(cols[2], _LOWER_LEMMA, lookup_lemma)
    tag = _strings(cols[3], _STR, lookup)
    dep = _strings(cols[4], _STR, lookup)
    head = (array[:, 5].view(numpy.int64) + numpy.arange(n)).tolist() if n else []  # relative -> absolute
    ent = _strings(cols[6], _STR, lookup)
    sent_start = [v == 1 for v in cols[7]]
    if n:
        sent_start[0] = True
    for i in range(n - 1):
        if "\n" in text[i]:
            sent_start[i + 1] = True  # a paragraph break always ends a sentence (titles lack periods)
    sent_end = [False] * n
    sent_id = [0] * n
    k = -1
    for i in range(n):
        if sent_start[i]:
            k += 1
            if i:
                sent_end[i - 1] = True
        sent_id[i] = k
    if n:
        sent_end[n - 1] = True
    return TokenTable(text, lower, lemma, tag, dep, head, ent, sent_id, sent_start, sent_end)


def _strings(hashes: list[int], cache: dict[int, str], miss: Callable[[int], str]) -> list[str]:
    """``hashes`` as strings through ``cache``; only a first sighting calls ``miss``."""
    out = list(map(cache.get, hashes))
    if None in out:
        return [miss(h) if v is None else v for v, h in zip(out, hashes, strict=True)]
    return cast(list[str], out)


def paragraphs_of(table: TokenTable, skip: list[bool] | None = None) -> list[list[int]]:
    """Token index runs between newline tokens (and dropped tokens), whitespace excluded."""
    out: list[list[int]] = []
    cur: list[int] = []
    for i, t in enumerate(table.text):
        if (skip is not None and skip[i]) or ("\n" in t):
            if cur:
                out.append(cur)
                cur = []
            continue
        if t.isspace():
            continue
        cur.append(i)
    if cur:
        out.append(cur)
    return out


class DocFeatures:
    """The tagger's input for one Doc, built one paragraph at a time.

    ``tokens`` holds every paragraph's token indices (dropped boilerplate lines left out);
    ``features(p)`` builds paragraph ``p``'s feature lists. Tagging a paragraph right after
    building its lists, and dropping them before the next, takes a third less CPU than
    building the whole Doc's first (features and CRF over the 84 PolNeAR dev docs: 0.87-0.92 s
    against 1.45-1.73 s): pycrfsuite copies every string into its ``ItemSequence``, and a
    paragraph's strings are still in the CPU cache then, while a whole Doc's are not.
    """

    __slots__ = ("_dv", "tokens")

    def __init__(self, table: TokenTable, lexicon: CueLexicon, skip: list[bool] | None = None) -> None:
        self._dv = _doc_view(table, lexicon)
        self.tokens = paragraphs_of(table, skip)

    def features(self, p_index: int) -> list[list[str]]:
        """Feature lists of paragraph ``p_index``'s tokens, built anew on each call.

        The feature groups in ``TOKEN_FEATURES`` fill them in order (the order is part of
        the trained model's input); a group fills every token of the paragraph in one call.
        """
        toks = self.tokens[p_index]
        pv = _para_view(self._dv, self.tokens, p_index, toks)
        feats: list[list[str]] = [[] for _ in toks]
        for group in TOKEN_FEATURES:
            group(self._dv, pv, feats)
        return feats


def doc_features(
    doc: Doc, lexicon: CueLexicon, skip: list[bool] | None = None, table: TokenTable | None = None
) -> list[Paragraph]:
    """Feature lists for every paragraph of ``doc`` (the tagger's input), all at once.

    For training and tests; tagging builds them a paragraph at a time (``DocFeatures``).
    """
    df = DocFeatures(table or token_table(doc), lexicon, skip)
    return [Paragraph(toks, df.features(p)) for p, toks in enumerate(df.tokens)]


@dataclass(frozen=True, slots=True)
class _DocView:
    """Per-document columns the features read: the token table plus cue and tree summaries."""

    tt: TokenTable
    cue_score: list[float]
    is_cue: list[bool]
    anc: list[int]  # nearest cue-lexicon ancestor (-1: none)
    via: list[int]  # the child of ``anc`` on the path to it
    depth: list[int]  # steps up to ``anc``
    governs: list[bool]  # a verb or a cue-lexicon token
    child_deps: dict[int, set[str]]  # governing token -> dependency labels of its children


@dataclass(frozen=True, slots=True)
class _ParaView:
    """Per-paragraph summaries: quote state, the sentences' first cue and colon, its position."""

    toks: list[int]
    inq: list[bool]  # inside a quotation
    qtok: list[str]  # the quote mark a token is, if any
    unclosed: bool  # a quotation left open at the paragraph's end
    first_q: bool  # the paragraph opens with a quote mark
    sent_has_cue: dict[int, int]  # sentence -> position of its first cue-lexicon token
    sent_colon: dict[int, int]  # sentence -> position of its first colon
    para_tag: str  # title, p1 or pn


def _doc_view(tt: TokenTable, lexicon: CueLexicon) -> _DocView:
    """Per-document columns: cue scores, nearest cue ancestors, what verbs govern."""
    cue_score = [lexicon.score(lm) for lm in tt.lemma]
    is_cue = [s >= lexicon.threshold for s in cue_score]
    anc, via, depth = _cue_ancestors(tt.head, is_cue)
    governs, child_deps = _governed_deps(tt, is_cue)
    return _DocView(tt, cue_score, is_cue, anc, via, depth, governs, child_deps)


def _cue_ancestors(head: list[int], is_cue: list[bool]) -> tuple[list[int], list[int], list[int]]:
    """Per token: the nearest cue-lexicon ancestor, the child on the path to it, and the depth."""
    n = len(head)
    anc = [-2] * n
    via = [-1] * n
    depth = [0] * n
    for i in range(n):
        if anc[i] != -2:
            continue
        stack = [i]
        while True:
            j = stack[-1]
            h = head[j]
            if h == j:
                anc[j], via[j], depth[j] = -1, -1, 0
                break
            if is_cue[h]:
                anc[j], via[j], depth[j] = h, j, 1
                break
            if anc[h] != -2:
                anc[j], via[j], depth[j] = anc[h], via[h], depth[h] + 1 if anc[h] >= 0 else 0
                break
            stack.append(h)
        stack.pop()
        while stack:
            j = stack.pop()
            h = head[j]
            anc[j], via[j], depth[j] = anc[h], via[h], (depth[h] + 1 if anc[h] >= 0 else 0)
    return anc, via, depth


def _governed_deps(tt: TokenTable, is_cue: list[bool]) -> tuple[list[bool], dict[int, set[str]]]:
    """Verbs and cue-lexicon tokens, and the dependency labels of their children."""
    n = len(tt.tag)
    head, dep, tag = tt.head, tt.dep, tt.tag
    governs = [is_cue[i] or tag[i][:1] == "V" for i in range(n)]
    child_deps: dict[int, set[str]] = {}
    for i in range(n):
        h = head[i]
        if h != i and governs[h]:
            child_deps.setdefault(h, set()).add(dep[i])
    return governs, child_deps


def _para_view(dv: _DocView, paras: list[list[int]], p_index: int, toks: list[int]) -> _ParaView:
    """Per-paragraph summaries: quote state, first cue word and colon per sentence, position."""
    tt = dv.tt
    inq, qtok, unclosed = _quote_states(tt.text, toks)
    m = len(toks)
    first_q = bool(m) and qtok[0] in ("open", "amb")
    sent_has_cue: dict[int, int] = {}
    sent_colon: dict[int, int] = {}
    for k, i in enumerate(toks):
        if dv.is_cue[i] and tt.sent_id[i] not in sent_has_cue:
            sent_has_cue[tt.sent_id[i]] = k
        if tt.text[i] == ":" and tt.sent_id[i] not in sent_colon:
            sent_colon[tt.sent_id[i]] = k
    if p_index == 0:
        # a headline: a short single-sentence first paragraph of a longer text
        is_title = len(paras) > 1 and m <= 30 and tt.sent_id[toks[0]] == tt.sent_id[toks[-1]]
        para_tag = "title" if is_title else "p1"
    else:
        para_tag = "p1" if p_index == 1 else "pn"
    return _ParaView(toks, inq, qtok, unclosed, first_q, sent_has_cue, sent_colon, para_tag)


def _quote_states(text: list[str], toks: list[int]) -> tuple[list[bool], list[str], bool]:
    """Quote state across a paragraph: inside a quotation per token, its quote mark, left open.

    Single curly quotes are also apostrophes: they are marked but never change the state.
    """
    m = len(toks)
    inq = [False] * m
    qtok = [""] * m
    state = False
    for k, i in enumerate(toks):
        s = text[i]
        if s in OPEN_QUOTES:
            if s == SINGLE_OPEN_QUOTE:
                qtok[k] = "sopen"
            else:
                qtok[k] = "open"
                state = True
            inq[k] = state
            continue
        if s in CLOSE_QUOTES:
            if s == SINGLE_CLOSE_QUOTE:
                qtok[k] = "sclose"
            else:
                qtok[k] = "close"
                inq[k] = state
                state = False
                continue
        elif s in AMBIGUOUS_QUOTES:
            qtok[k] = "amb"
            if s != APOSTROPHE:
                if state:
                    inq[k] = True
                    state = False
                    continue
                state = True
        inq[k] = state
    return inq, qtok, state


def _token_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """The token itself: form, lemma, tag, dependency, its head, cue-lexicon score, paragraph."""
    tt = dv.tt
    lower, lemma, tag, dep, head, cue_score = tt.lower, tt.lemma, tt.tag, tt.dep, tt.head, dv.cue_score
    para = "pt=" + pv.para_tag
    for f, i in zip(feats, pv.toks, strict=True):
        t = tag[i]
        d = dep[i]
        h = head[i]
        f += [
            "b",
            "w=" + lower[i],
            "l=" + lemma[i],
            "t=" + t,
            "d=" + d,
            "hl=" + lemma[h],
            "dhl=" + d + "|" + lemma[h],
            "hd=" + dep[h],
            "p2=" + d + ">" + dep[h] + ">" + dep[head[h]],
            "dt=" + d + "|" + t,
            "c=" + _bucket(cue_score[i]),
            para,
        ]


# feature-name prefixes per side: "w-1=", "t-1=", "d-1=", "ww-1=", "tt-1=", "w-2=", "t-2=" (and +)
_NEIGHBOUR_NAMES = {
    step: tuple(
        name + f"{n * step:+d}="
        for n, name in ((1, "w"), (1, "t"), (1, "d"), (1, "ww"), (1, "tt"), (2, "w"), (2, "t"))
    )
    for step in (-1, 1)
}


def _neighbour_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]], step: int, edge: str) -> None:
    """The two tokens ``step`` away in the paragraph (-1: before, +1: after), or ``edge`` at its end.

    Pair features read left to right whichever side the neighbour is on ("ww-1=" is the word
    before, then this word; "ww+1=" this word, then the word after).
    """
    lower, tag, dep = dv.tt.lower, dv.tt.tag, dv.tt.dep
    toks = pv.toks
    m = len(toks)
    # each token's first and second neighbour on that side (-1 past the paragraph's edge)
    near = (toks[1:] + [-1] if step > 0 else [-1] + toks[:-1])[:m]
    far = (toks[2:] + [-1, -1] if step > 0 else [-1, -1] + toks[:-2])[:m]
    left, right = (near, toks) if step < 0 else (toks, near)
    w1, t1, d1, ww1, tt1, w2, t2 = _NEIGHBOUR_NAMES[step]
    for f, j, j2, a, b in zip(feats, near, far, left, right, strict=True):
        if j < 0:
            f.append(edge)
            continue
        f += [
            w1 + lower[j], t1 + tag[j], d1 + dep[j],
            ww1 + lower[a] + "|" + lower[b], tt1 + tag[a] + "|" + tag[b],
        ]
        if j2 >= 0:
            f += [w2 + lower[j2], t2 + tag[j2]]


def _left_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """The two tokens before it in the paragraph, or the paragraph's start (BOP)."""
    _neighbour_feats(dv, pv, feats, -1, "BOP")


def _right_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """The two tokens after it in the paragraph, or the paragraph's end (EOP)."""
    _neighbour_feats(dv, pv, feats, 1, "EOP")


def _quote_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """PolNeAR content: quoted text is content; inside a quotation, the mark, an open quote."""
    inq, qtok = pv.inq, pv.qtok
    whole = (["unclosed"] if pv.unclosed else []) + (["firstq"] if pv.first_q else [])  # every token
    for k, f in enumerate(feats):
        if inq[k]:
            f.append("inq")
        if qtok[k]:
            f.append("q=" + qtok[k] + ("|in" if inq[k] else "|out"))
        if whole:
            f += whole


def _sentence_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """PolNeAR roles by sentence: its edges, and the side of its first cue word and colon."""
    tt = dv.tt
    sent_id, sent_start, sent_end = tt.sent_id, tt.sent_start, tt.sent_end
    sent_has_cue, sent_colon = pv.sent_has_cue, pv.sent_colon
    for k, (f, i) in enumerate(zip(feats, pv.toks, strict=True)):
        sid = sent_id[i]
        if sent_start[i]:
            f.append("SOS")
        if sent_end[i]:
            f.append("EOS")
        ck = sent_has_cue.get(sid)
        if ck is None:
            f.append("s_nocue")
        else:
            f.append("s_cue=" + ("L" if k < ck else ("A" if k == ck else "R")))
        ck = sent_colon.get(sid)
        if ck is not None:
            f.append("colon=" + ("L" if k < ck else ("A" if k == ck else "R")))


def _tree_path_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """PolNeAR source and content by the parse: the path up to the nearest cue-lexicon word.

    "nsubj under a reporting verb" is a source, "ccomp under it" is content.
    """
    anc, via, depth, dep, lemma, inq = dv.anc, dv.via, dv.depth, dv.tt.dep, dv.tt.lemma, pv.inq
    for k, (f, i) in enumerate(zip(feats, pv.toks, strict=True)):
        a = anc[i]
        if a >= 0:
            vd = dep[via[i]]
            dd = depth[i]
            f += [
                "a_dep=" + vd,
                "a_lem=" + lemma[a] + "|" + vd,
                "a_depth=" + (str(dd) if dd < 4 else "4+"),
                "a_side=" + ("L" if i < a else "R"),
                "a_dep_inq=" + vd + "|" + ("1" if inq[k] else "0"),
            ]
        else:
            f.append("a_none")


def _governed_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """PolNeAR cue: what a verb or cue word governs (a clausal complement, a subject)."""
    governs, child_deps, lemma = dv.governs, dv.child_deps, dv.tt.lemma
    for f, i in zip(feats, pv.toks, strict=True):
        if governs[i]:
            lm = lemma[i]
            for cd in child_deps.get(i, ()):
                f.append("ch=" + cd)
                if cd in _CLAUSAL:
                    f.append("lch=" + lm + "|" + cd)


def _entity_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """PolNeAR source: the named-entity type (sources are often people and organisations)."""
    ent = dv.tt.ent
    for f, i in zip(feats, pv.toks, strict=True):
        if ent[i]:
            f.append("e=" + ent[i])


def _neighbour_lemma_feats(dv: _DocView, pv: _ParaView, feats: list[list[str]]) -> None:
    """The lemmas just before and after it in the paragraph."""
    lemma = dv.tt.lemma
    toks = pv.toks
    m = len(toks)
    for k, f in enumerate(feats):
        if k > 0:
            f.append("l-1=" + lemma[toks[k - 1]])
        if k + 1 < m:
            f.append("l+1=" + lemma[toks[k + 1]])


# A feature group appends its features to the list of every token of one paragraph.
TokenFeature = Callable[[_DocView, _ParaView, list[list[str]]], None]

# The feature groups of one token, in the order the tagger was trained on.
TOKEN_FEATURES: tuple[TokenFeature, ...] = (
    _token_feats,
    _left_feats,
    _right_feats,
    _quote_feats,
    _sentence_feats,
    _tree_path_feats,
    _governed_feats,
    _entity_feats,
    _neighbour_lemma_feats,
)
