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

from spacy.tokens import Doc

from onrecord.nlp.attributions.lexicon import AMBIGUOUS_QUOTES, CLOSE_QUOTES, OPEN_QUOTES, CueLexicon


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


def paragraphs_of(doc: Doc, skip: list[bool] | None = None) -> list[list[int]]:
    """Token index runs between newline tokens (and dropped tokens), whitespace excluded."""
    out: list[list[int]] = []
    cur: list[int] = []
    for tok in doc:
        i = tok.i
        if (skip is not None and skip[i]) or ("\n" in tok.text):
            if cur:
                out.append(cur)
                cur = []
            continue
        if tok.is_space:
            continue
        cur.append(i)
    if cur:
        out.append(cur)
    return out


def doc_features(doc: Doc, lexicon: CueLexicon, skip: list[bool] | None = None) -> list[Paragraph]:
    """Feature lists for every paragraph of ``doc`` (the tagger's input)."""
    n = len(doc)
    lower = [t.lower_ for t in doc]
    lemma = [t.lemma_.lower() for t in doc]
    tag = [t.tag_ for t in doc]
    dep = [t.dep_ for t in doc]
    head = [t.head.i for t in doc]
    text = [t.text for t in doc]
    cue_score = [lexicon.score(lm) for lm in lemma]
    is_cue = [s >= lexicon.threshold for s in cue_score]
    sent_start = [False] * n
    sent_end = [False] * n
    sent_id = [0] * n
    for k, sent in enumerate(doc.sents):
        sent_start[sent.start] = True
        sent_end[sent.end - 1] = True
        for i in range(sent.start, sent.end):
            sent_id[i] = k

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

    ent = [t.ent_type_ for t in doc]
    # children deps of verbs and cue-lexicon tokens (what the verb governs)
    governs = [is_cue[i] or tag[i][:1] == "V" for i in range(n)]
    child_deps: dict[int, set[str]] = {}
    for i in range(n):
        h = head[i]
        if h != i and governs[h]:
            child_deps.setdefault(h, set()).add(dep[i])

    out: list[Paragraph] = []
    for p_index, toks in enumerate(paragraphs_of(doc, skip)):
        m = len(toks)
        # quote state across the paragraph
        inq = [False] * m
        qtok = [""] * m
        state = False
        for k, i in enumerate(toks):
            s = text[i]
            if s in OPEN_QUOTES and not (s == "‘" and False):
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
        para_tag = "title" if p_index == 0 else ("p1" if p_index == 1 else "pn")
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
                "dt=" + d + "|" + t,
                "c=" + _bucket(cue_score[i]),
                "pt=" + para_tag,
            ]
            if k > 0:
                j = toks[k - 1]
                f += ["w-1=" + lower[j], "t-1=" + tag[j], "d-1=" + dep[j], "ww-1=" + lower[j] + "|" + w, "tt-1=" + tag[j] + "|" + t]
                if k > 1:
                    j2 = toks[k - 2]
                    f += ["w-2=" + lower[j2], "t-2=" + tag[j2]]
            else:
                f.append("BOP")
            if k + 1 < m:
                j = toks[k + 1]
                f += ["w+1=" + lower[j], "t+1=" + tag[j], "d+1=" + dep[j], "ww+1=" + w + "|" + lower[j], "tt+1=" + t + "|" + tag[j]]
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
