"""Token features for the attribution tagger.

One sequence per paragraph (PolNeAR contents never cross a blank line, but they often
run over several sentences). Features are plain strings; everything per-document is
precomputed into lists first so the per-token cost stays a few microseconds.

The features that carry most weight are the tree-path ones: the nearest ancestor whose
lemma is in the learned cue lexicon and the dependency label of the child on the path to
it ("nsubj under a reporting verb" is a source, "ccomp under it" is content).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.tokens import Doc

from onrecord.nlp.attributions.lexicon import CueLexicon
from onrecord.nlp.lexicon.punctuation import (
    AMBIGUOUS_QUOTES,
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
    n = len(doc)
    strings = doc.vocab.strings
    cols = doc.to_array([ORTH, LOWER, LEMMA, TAG, DEP, HEAD, ENT_TYPE, SENT_START]).tolist() if n else []

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

    text = [lookup(r[0]) for r in cols]
    lower = [lookup(r[1]) for r in cols]
    lemma = [lookup_lemma(r[2]) for r in cols]
    tag = [lookup(r[3]) for r in cols]
    dep = [lookup(r[4]) for r in cols]
    head = [i + (r[5] - 2**64 if r[5] >= 2**63 else r[5]) for i, r in enumerate(cols)]
    ent = [lookup(r[6]) for r in cols]
    sent_start = [r[7] == 1 for r in cols]
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


def doc_features(
    doc: Doc, lexicon: CueLexicon, skip: list[bool] | None = None, table: TokenTable | None = None
) -> list[Paragraph]:
    """Feature lists for every paragraph of ``doc`` (the tagger's input)."""
    tt = table or token_table(doc)
    n = len(doc)
    lower, lemma, tag, dep, head, text = tt.lower, tt.lemma, tt.tag, tt.dep, tt.head, tt.text
    sent_start, sent_end, sent_id = tt.sent_start, tt.sent_end, tt.sent_id
    cue_score = [lexicon.score(lm) for lm in lemma]
    is_cue = [s >= lexicon.threshold for s in cue_score]

    # nearest cue-lexicon ancestor and the child on the path to it
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

    ent = tt.ent
    # children deps of verbs and cue-lexicon tokens (what the verb governs)
    governs = [is_cue[i] or tag[i][:1] == "V" for i in range(n)]
    child_deps: dict[int, set[str]] = {}
    for i in range(n):
        h = head[i]
        if h != i and governs[h]:
            child_deps.setdefault(h, set()).add(dep[i])

    out: list[Paragraph] = []
    paras = paragraphs_of(tt, skip)
    for p_index, toks in enumerate(paras):
        m = len(toks)
        # quote state across the paragraph
        inq = [False] * m
        qtok = [""] * m
        state = False
        for k, i in enumerate(toks):
            s = text[i]
            if s in OPEN_QUOTES:
                if s == "‘":
                    qtok[k] = "sopen"
                else:
                    qtok[k] = "open"
                    state = True
                inq[k] = state
                continue
            if s in CLOSE_QUOTES:
                if s == "’":
                    qtok[k] = "sclose"
                else:
                    qtok[k] = "close"
                    inq[k] = state
                    state = False
                    continue
            elif s in AMBIGUOUS_QUOTES:
                qtok[k] = "amb"
                if s != "'":
                    if state:
                        inq[k] = True
                        state = False
                        continue
                    state = True
            inq[k] = state
        unclosed = state
        first_q = bool(m) and qtok[0] in ("open", "amb")
        # sentence-level summaries
        sent_has_cue: dict[int, int] = {}
        sent_colon: dict[int, int] = {}
        for k, i in enumerate(toks):
            if is_cue[i] and sent_id[i] not in sent_has_cue:
                sent_has_cue[sent_id[i]] = k
            if text[i] == ":" and sent_id[i] not in sent_colon:
                sent_colon[sent_id[i]] = k
        if p_index == 0:
            # a headline: a short single-sentence first paragraph of a longer text
            is_title = len(paras) > 1 and m <= 30 and sent_id[toks[0]] == sent_id[toks[-1]]
            para_tag = "title" if is_title else "p1"
        else:
            para_tag = "p1" if p_index == 1 else "pn"
        feats_all: list[list[str]] = []
        for k, i in enumerate(toks):
            w = lower[i]
            t = tag[i]
            d = dep[i]
            h = head[i]
            f = [
                "b",
                "w=" + w,
                "l=" + lemma[i],
                "t=" + t,
                "d=" + d,
                "hl=" + lemma[h],
                "dhl=" + d + "|" + lemma[h],
                "hd=" + dep[h],
                "p2=" + d + ">" + dep[h] + ">" + dep[head[h]],
                "dt=" + d + "|" + t,
                "c=" + _bucket(cue_score[i]),
                "pt=" + para_tag,
            ]
            if k > 0:
                j = toks[k - 1]
                f += [
                    "w-1=" + lower[j],
                    "t-1=" + tag[j],
                    "d-1=" + dep[j],
                    "ww-1=" + lower[j] + "|" + w,
                    "tt-1=" + tag[j] + "|" + t,
                ]
                if k > 1:
                    j2 = toks[k - 2]
                    f += ["w-2=" + lower[j2], "t-2=" + tag[j2]]
            else:
                f.append("BOP")
            if k + 1 < m:
                j = toks[k + 1]
                f += [
                    "w+1=" + lower[j],
                    "t+1=" + tag[j],
                    "d+1=" + dep[j],
                    "ww+1=" + w + "|" + lower[j],
                    "tt+1=" + t + "|" + tag[j],
                ]
                if k + 2 < m:
                    j2 = toks[k + 2]
                    f += ["w+2=" + lower[j2], "t+2=" + tag[j2]]
            else:
                f.append("EOP")
            # quotes
            if inq[k]:
                f.append("inq")
            if qtok[k]:
                f.append("q=" + qtok[k] + ("|in" if inq[k] else "|out"))
            if unclosed:
                f.append("unclosed")
            if first_q:
                f.append("firstq")
            # sentence
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
            # tree path to the nearest cue ancestor
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
            if governs[i]:
                lm = lemma[i]
                for cd in child_deps.get(i, ()):
                    f.append("ch=" + cd)
                    if cd in _CLAUSAL:
                        f.append("lch=" + lm + "|" + cd)
            if ent[i]:
                f.append("e=" + ent[i])
            if k > 0:
                f.append("l-1=" + lemma[toks[k - 1]])
            if k + 1 < m:
                f.append("l+1=" + lemma[toks[k + 1]])
            feats_all.append(f)
        out.append(Paragraph(toks, feats_all))
    return out
