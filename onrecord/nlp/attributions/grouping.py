"""Turn tagged role spans into attributions: link each source and content span to a cue.

The CRF only says which tokens are cue, source or content. Linking uses, in order:
the dependency tree (a content's root hangs off the cue, or the cue hangs off the
content, as in "..., he said, ..."), the nearest cue in the same sentence, and for a
content with no cue in its sentence, continuation of the previous attribution (a quote
interrupted by "he said", a quote running over several paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

# a tagged span: token positions [start, end) in doc, plus its role
ROLE_CUE, ROLE_SRC, ROLE_CON = "CUE", "SRC", "CON"


@dataclass(slots=True)
class RoleSpan:
    role: str
    start: int  # doc token index, inclusive
    end: int  # doc token index, exclusive
    para: int
    sent: int
    conf: float = 1.0
    rescued: bool = False  # a cue Viterbi left out, kept for its marginal: needs parse support


@dataclass(slots=True)
class Group:
    """A cue with the source and content spans linked to it."""

    cue: RoleSpan
    sources: list[RoleSpan] = field(default_factory=list)
    contents: list[RoleSpan] = field(default_factory=list)


def spans_from_labels(tokens: list[int], labels: list[str], para: int, sent_id: list[int]) -> list[RoleSpan]:
    """Contiguous runs of one role; an I- without a B- opens a span."""
    out: list[RoleSpan] = []
    cur: RoleSpan | None = None
    for i, lab in zip(tokens, labels):
        if lab == "O":
            cur = None
            continue
        bio, role = lab[0], lab[2:]
        if cur is not None and bio == "I" and cur.role == role:
            cur.end = i + 1
        else:
            cur = RoleSpan(role, i, i + 1, para, sent_id[i])
            out.append(cur)
    return out


def _roots(span: RoleSpan, head: list[int]) -> list[int]:
    return [i for i in range(span.start, span.end) if not (span.start <= head[i] < span.end) or head[i] == i]


def _climb(start: int, head: list[int], owner: dict[int, int], limit: int = 8) -> int | None:
    """Owner id of the first ancestor of ``start`` (excluded) found in ``owner``."""
    j = start
    for _ in range(limit):
        h = head[j]
        if h == j:
            return None
        if h in owner:
            return owner[h]
        j = h
    return None


def group_spans(doc: Doc, spans: list[RoleSpan], head: list[int]) -> list[Group]:
    """Link sources and contents to cues; cues that end up with no content are dropped."""
    cues = [s for s in spans if s.role == ROLE_CUE]
    groups = [Group(c) for c in cues]
    cue_owner: dict[int, int] = {}
    for g_index, c in enumerate(cues):
        for i in range(c.start, c.end):
            cue_owner[i] = g_index
    by_sent: dict[int, list[int]] = {}
    for g_index, c in enumerate(cues):
        by_sent.setdefault(c.sent, []).append(g_index)

    def nearest(span: RoleSpan, prefer_free: str) -> int | None:
        cands = by_sent.get(span.sent, [])
        if not cands:
            return None

        def dist(g: int) -> int:
            c = cues[g]
            return c.start - span.end if c.start >= span.end else span.start - c.end

        free = [
            g for g in cands if not (groups[g].contents if prefer_free == ROLE_CON else groups[g].sources)
        ]
        if prefer_free == ROLE_CON and not free and not _opens_quote(doc, span):
            # every cue here has its content: unless this is quoted text continuing the
            # nearest attribution, it is a content whose cue the tagger missed
            return None
        pool = free or cands
        return min(pool, key=dist)

    ordered = sorted(spans, key=lambda s: s.start)
    pending_contents: list[RoleSpan] = []
    for span in ordered:
        if span.role == ROLE_CUE:
            continue
        target: int | None = None
        for r in _roots(span, head):
            target = _climb(r, head, cue_owner)
            if target is not None:
                break
        if target is None and span.role == ROLE_CON:
            # the cue may hang off the content ("X, he said, Y")
            owner = {i: 0 for i in range(span.start, span.end)}
            for g_index, c in enumerate(cues):
                if c.sent != span.sent:
                    continue
                for r in _roots(c, head):
                    if _climb(r, head, owner, limit=3) is not None:
                        target = g_index
                        break
                if target is not None:
                    break
        if target is not None and cues[target].sent != span.sent and span.role == ROLE_SRC:
            target = None
        if target is not None and cues[target].para != span.para:
            target = None  # the parser sometimes joins sentences across a paragraph break
        if target is None:
            target = nearest(span, span.role)
        if target is None:
            if span.role == ROLE_CON:
                pending_contents.append(span)
            continue
        if span.role == ROLE_CON:
            groups[target].contents.append(span)
        else:
            groups[target].sources.append(span)

    # contents with no cue in their sentence: continue the previous attribution, but only
    # quoted text does that (an interrupted or multi-paragraph quote)
    pending_contents = [c for c in pending_contents if _opens_quote(doc, c)]
    if pending_contents:
        with_content = sorted(
            (g for g in range(len(groups)) if groups[g].contents), key=lambda g: cues[g].start
        )
        for span in pending_contents:
            prev = [
                g
                for g in with_content
                if groups[g].contents[-1].end <= span.start or cues[g].end <= span.start
            ]
            target = None
            if prev:
                g = max(prev, key=lambda g: max(groups[g].contents[-1].end, cues[g].end))
                gap_cues = [
                    c for c in cues if max(groups[g].contents[-1].end, cues[g].end) <= c.start < span.start
                ]
                last = max(groups[g].contents, key=lambda c: c.end)
                same_para = span.para == last.para
                if not gap_cues and (same_para or (span.para - last.para == 1 and _left_open(doc, last))):
                    target = g
            if target is None:
                nxt = [
                    g
                    for g in range(len(groups))
                    if cues[g].start >= span.end
                    and not groups[g].contents
                    and cues[g].para == span.para
                    and cues[g].sent - span.sent <= 1
                ]
                if nxt:
                    target = min(nxt, key=lambda g: cues[g].start)
            if target is not None:
                groups[target].contents.append(span)
    for grp in groups:
        if not grp.contents:
            _content_from_tree(doc, grp, head)
        else:
            _source_from_tree(doc, grp, head)
    _share_sources(groups, head)
    _continue_quotes(doc, groups, spans)
    for grp in groups:
        if len(grp.contents) > 1:
            grp.contents = _plausible_fragments(doc, grp)
        _clip_sources(grp)
        _snap_clitic(doc, grp)
        _drop_recipient(doc, grp, head)
        _anonymity_request(doc, grp)
    # a rescued cue (kept for its marginal) must also find its source in the parse; requiring
    # a verb in its content as well cost 1.5-2 points of source coverage on train folds
    return [g for g in groups if g.contents and (g.sources or not g.cue.rescued)]


_ANONYMITY_CUES = frozenset({"ask", "request", "speak", "insist", "demand"})
_ANONYMITY_OPENINGS = ("not to be named", "not to be identified", "anonymity", "on condition of anonymity",
                       "on the condition of anonymity", "to remain anonymous", "not to be quoted")
_REPORTING_LEMMAS = frozenset({"say", "tell", "add", "confirm", "note", "explain", "warn", "report", "describe"})


def _anonymity_request(doc: Doc, g: Group) -> None:
    """ "An official who asked not to be named said X": the request belongs to the source.

    The tagger sometimes takes "asked" as the cue and "not to be named said X" as the
    content; the cue is the reporting verb after the request, the content what follows it.
    """
    if not g.contents or not g.sources:
        return
    cue = doc[g.cue.start:g.cue.end]
    if cue.root.lemma_.lower() not in _ANONYMITY_CUES:
        return
    first = min(g.contents, key=lambda c: c.start)
    opening = doc[first.start:min(first.end, first.start + 8)].text.lower()
    if not opening.startswith(_ANONYMITY_OPENINGS):
        return
    verb = next((i for i in range(first.start, first.end) if doc[i].lemma_.lower() in _REPORTING_LEMMAS
                 and doc[i].tag_.startswith("VB")), None)
    if verb is None or verb + 1 >= first.end:
        return
    src = min(g.sources, key=lambda x: x.start)
    g.sources = [RoleSpan(ROLE_SRC, src.start, verb, src.para, src.sent, src.conf)]
    g.cue = RoleSpan(ROLE_CUE, verb, verb + 1, g.cue.para, g.cue.sent, g.cue.conf, g.cue.rescued)
    a = verb + 1
    while a < first.end and doc[a].text in (",", ":"):
        a += 1
    g.contents = [RoleSpan(ROLE_CON, a, first.end, first.para, first.sent, first.conf)] + [
        c for c in g.contents if c is not first]


_RECIPIENT_DEPS = frozenset({"dobj", "dative", "iobj"})
_RECIPIENT_WORDS = "tell ask remind assure inform warn promise convince notify advise"
_RECIPIENT_VERBS = frozenset(_RECIPIENT_WORDS.split())


def _drop_recipient(doc: Doc, g: Group, head: list[int]) -> None:
    """ "told reporters that ...": the recipient is unlabelled, the content starts at "that"."""
    roots = _roots(g.cue, head)
    if not roots or not g.contents:
        return
    first = min(g.contents, key=lambda c: c.start)
    if first.start < g.cue.end:
        return
    root = doc[roots[0]]
    if root.lemma_ not in _RECIPIENT_VERBS:
        return
    for c in root.children:
        if c.dep_ in _RECIPIENT_DEPS and c.left_edge.i == first.start:
            nxt = c.right_edge.i + 1
            if (
                nxt < first.end - 1
                and doc[nxt].dep_ in ("mark", "aux", "advmod")
                or (
                    nxt < first.end - 1
                    and doc[nxt].lower_ in ("that", "how", "if", "whether", "to", "what", "why")
                )
            ):
                first.start = nxt
            return


_CLITICS = frozenset({"’ve", "'ve", "’re", "'re", "’ll", "'ll", "’d", "'d", "’m", "'m"})


def _snap_clitic(doc: Doc, g: Group) -> None:
    """ "We’ve seen": annotators mark whole words, so the clitic goes with the source."""
    cue = g.cue
    if cue.end - cue.start < 2 or doc[cue.start].lower_ not in _CLITICS or cue.start == 0:
        return
    if doc[cue.start - 1].whitespace_:
        return
    for src in g.sources:
        if src.end == cue.start:
            src.end += 1
            cue.start += 1
            return


def _clip_sources(g: Group) -> None:
    """A source never runs into its own content: cut it where the content starts."""
    kept = []
    for src in g.sources:
        for c in g.contents:
            if src.start < c.start < src.end:
                src = RoleSpan(src.role, src.start, c.start, src.para, src.sent, src.conf)
        if not any(c.start <= src.start < c.end for c in g.contents) and src.end > src.start:
            kept.append(src)
    g.sources = kept


def _plausible_fragments(doc: Doc, g: Group) -> list[RoleSpan]:
    """Keep extra content fragments only where PolNeAR would split one content.

    A content is split by its own cue or source ("X," he said, "Y") or continues as a new
    quotation; any other second fragment is usually a content whose own cue was missed.
    """
    frags = sorted(g.contents, key=lambda s: s.start)
    markers = [g.cue] + g.sources

    def dist(s: RoleSpan) -> int:
        return s.start - g.cue.end if s.start >= g.cue.end else g.cue.start - s.end

    best = min(frags, key=dist)
    keep = [best]
    for s in frags:
        if s is best:
            continue
        lo, hi = (s.end, best.start) if s.end <= best.start else (best.end, s.start)
        split_by_role = any(lo <= m.start and m.end <= hi for m in markers)
        if split_by_role or (s.start > best.start and _opens_quote(doc, s)):
            keep.append(s)
    return sorted(keep, key=lambda s: s.start)


_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd")
_SOURCE_DEPS = ("nsubj",)


def complete_from_tree(doc: Doc, g: Group, head: list[int]) -> None:
    """Give a cue found without content its content and source from the parse (public for rescues)."""
    _content_from_tree(doc, g, head)


def _content_from_tree(doc: Doc, g: Group, head: list[int]) -> None:
    """A cue the tagger found without content: take its clausal or object complement.

    Used for cues whose content the CRF left untagged, and for cues recovered from the
    CRF marginals; the source falls back to the nominal subject the same way.
    """
    cue = g.cue
    roots = _roots(cue, head)
    if not roots:
        return
    r = roots[0]
    tok = doc[r]
    kids = [c for c in tok.children if c.i >= cue.end or c.i < cue.start]
    for dep in _CONTENT_DEPS:
        for c in kids:
            if c.dep_ == dep and c.i >= cue.end:
                a, b = c.left_edge.i, min(c.right_edge.i + 1, _para_end(doc, cue.end))
                a = max(a, cue.end)
                if b > a:
                    g.contents.append(RoleSpan(ROLE_CON, a, b, cue.para, cue.sent, cue.conf))
                    break
        if g.contents:
            break
    if not g.contents and tok.lower_ == "according" and tok.head.i >= cue.end:
        # "According to X, Y happened": the clause after the according-phrase
        a = tok.right_edge.i + 1
        b = min(doc[cue.start].sent.end, _para_end(doc, cue.end))
        while a < b and doc[a].is_punct:
            a += 1
        if b - a >= 2:
            g.contents.append(RoleSpan(ROLE_CON, a, b, cue.para, cue.sent, cue.conf))
        if not g.sources and cue.end < a:
            g.sources.append(RoleSpan(ROLE_SRC, cue.end, a, cue.para, cue.sent, cue.conf))
    if not g.contents:
        _content_before_cue(doc, g, tok)
    if not g.contents and not cue.rescued:
        _content_nearby(doc, g)
    _source_from_tree(doc, g, head)


_NOT_SPEAKERS = frozenset(
    {
        "the latest",
        "watch",
        "update",
        "exclusive",
        "live",
        "analysis",
        "opinion",
        "breaking",
        "video",
        "photos",
    }
)


def headline_colon(doc: Doc, spans: list[RoleSpan], tags: list[str]) -> Group | None:
    """ "Fire chief: Blaze was set on purpose": a headline whose colon is the cue.

    Only the first paragraph, when it is one short line: a speaker of at most six
    tokens before the colon and a clause with a verb after it.
    """
    end = _para_end(doc, 0)
    if end == len(doc) or end > 40 or any(sp.start < end for sp in spans):
        return None
    colon = next((i for i in range(1, min(end, 8)) if doc[i].text == ":"), -1)
    if colon < 1 or doc[0:colon].text.lower() in _NOT_SPEAKERS:
        return None
    if not any(tags[i][:1] in ("V", "M") for i in range(colon + 1, end)):
        return None
    b = end
    while b > colon + 1 and doc[b - 1].is_space:
        b -= 1
    g = Group(RoleSpan(ROLE_CUE, colon, colon + 1, 0, 0, 0.5))
    g.sources.append(RoleSpan(ROLE_SRC, 0, colon, 0, 0, 0.5))
    g.contents.append(RoleSpan(ROLE_CON, colon + 1, b, 0, 0, 0.5))
    return g


def _para_start(doc: Doc, i: int) -> int:
    while i > 0 and "\n" not in doc[i - 1].text:
        i -= 1
    return i


def _para_end(doc: Doc, i: int) -> int:
    n = len(doc)
    while i < n and "\n" not in doc[i].text:
        i += 1
    return i


_DATELINE = frozenset({"—", "--", "–"})


def _content_before_cue(doc: Doc, g: Group, root: Token) -> None:
    """ "X happened, the operator said." / "X happened, according to Y.": content comes first.

    The content is the clause the cue hangs off (or its left clausal complement), cut
    before the source and cue and after a dateline dash ("GDANSK, March 4 (NPA) —").
    """
    cue = g.cue
    left_limit = min([cue.start] + [s.start for s in g.sources])
    clause: Token | None = None
    for c in root.children:
        if c.dep_ in ("ccomp", "parataxis") and c.i < left_limit:
            clause = c
            break
    if clause is None and root.dep_ in ("prep", "parataxis", "ccomp", "advcl") and root.head.i < cue.start:
        clause = root.head
    if clause is None:
        return
    a = clause.left_edge.i
    b = left_limit if clause is root.head else min(clause.right_edge.i + 1, left_limit)
    a = max(a, doc[cue.start].sent.start, _para_start(doc, cue.start))
    for i in range(a, min(b, a + 25)):
        if doc[i].text in _DATELINE:
            a = i + 1
    if b - a < 3:
        return
    g.contents.append(RoleSpan(ROLE_CON, a, b, cue.para, cue.sent, cue.conf))
    if not g.sources and root.lower_ == "according":
        # the source is the object of "according to"
        right = root.right_edge.i + 1
        right = min(right, _para_end(doc, cue.end))
        if right > cue.end:
            g.sources.append(RoleSpan(ROLE_SRC, cue.end, right, cue.para, cue.sent, cue.conf))


def _content_nearby(doc: Doc, g: Group) -> None:
    """Last resort for a tagged cue the tree gave no content: what it introduces or closes.

    "Reporter X says:" introduces the next paragraph; "Rubio said." closes the quotation
    just before it; "Like his comments, Mr. Graham said, Mr. Trump's jabs were ..." wraps
    the rest of its sentence.
    """
    cue = g.cue
    n = len(doc)
    i = cue.end
    while i < n and (doc[i].is_space or doc[i].text in ","):
        i += 1
    if i < n and doc[i].text == ":":
        a = i + 1
        while a < n and doc[a].is_space:
            a += 1
        b = _para_end(doc, a)
        if b - a >= 2:
            g.contents.append(RoleSpan(ROLE_CON, a, b, cue.para, cue.sent, cue.conf))
        return
    sent = doc[cue.start].sent
    lo = max(sent.start, _para_start(doc, cue.start))
    hi = min(sent.end, _para_end(doc, cue.end))
    taken = [(cue.start, cue.end)] + [(s.start, s.end) for s in g.sources]
    left = min(x for x, _ in taken)
    right = max(y for _, y in taken)
    chunks = [(lo, left), (right, hi)]

    def words(a: int, b: int) -> int:
        return sum(1 for t in doc[a:b] if not (t.is_punct or t.is_space))

    a, b = max(chunks, key=lambda c: words(*c))
    if words(a, b) >= 3:
        while a < b and (doc[a].is_space or doc[a].text in (",", "—", "-", ":")):
            a += 1
        while b > a and (doc[b - 1].is_space or doc[b - 1].text in (",", ".", "—", "-", ":")):
            b -= 1
        g.contents.append(RoleSpan(ROLE_CON, a, b, cue.para, cue.sent, cue.conf))
        return
    # nothing left in the sentence: the quotation that ends right before it
    j = lo - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in (",", ".")):
        j -= 1
    if j >= 0 and doc[j].text in _CLOSERS:
        k = j - 1
        while k >= 0 and doc[k].text not in _OPENERS and "\n" not in doc[k].text:
            k -= 1
        if k >= 0 and doc[k].text in _OPENERS and j - k >= 3:
            g.contents.append(RoleSpan(ROLE_CON, k, j + 1, cue.para, cue.sent, cue.conf))


def _source_from_tree(doc: Doc, g: Group, head: list[int]) -> None:
    """A cue with content but no linked source: take the nominal subject of its verb.

    The subject may sit on a verb the cue hangs off ("Trump defended it, calling it ...",
    "She greeted them and told them ...", "rallied thousands by promising ..."), or follow
    the cue when the content comes first ("..., said former president Bill Clinton").
    """
    if not g.contents or g.sources:
        return
    cue = g.cue
    roots = _roots(cue, head)
    if not roots:
        return
    root = doc[roots[0]]
    subject = _governing_subject(root, cue.start)
    a = b = -1
    if subject is not None:
        a, b = subject.left_edge.i, min(subject.right_edge.i + 1, cue.start)
    elif root.dep_ == "acl" and root.head.i < cue.start:
        # "Kasich, refusing to ..." / "Trump talking about ...": the noun it modifies
        a, b = root.head.left_edge.i, root.head.i + 1
    else:
        after = [c for c in root.children if c.dep_ in _SOURCE_DEPS and c.i >= cue.end]
        if after and all(x.end <= cue.start for x in g.contents):
            a, b = after[0].left_edge.i, after[0].right_edge.i + 1
    if a >= 0:
        a = max(a, _para_start(doc, cue.start))
    if b > a >= 0 and not any(x.start < b and a < x.end for x in g.contents):
        g.sources.append(RoleSpan(ROLE_SRC, a, b, cue.para, cue.sent, cue.conf))


# Dependencies through which a cue shares the subject of the verb above it; not ccomp,
# whose subject is a different speaker ("He said she told ...").
_SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})


def _governing_subject(root: Token, before: int) -> Token | None:
    """The nominal subject left of ``before`` on ``root`` or a verb it coordinates with or modifies."""
    tok = root
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in _SOURCE_DEPS and c.i < before:
                return c
        if tok.dep_ not in _SHARED_SUBJECT_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_OPENERS = frozenset({"“", '"', "``"})
_CLOSERS = frozenset({"”", '"', "''"})


def _continue_quotes(doc: Doc, groups: list[Group], spans: list[RoleSpan]) -> None:
    """A quotation right after a quoted content, with no cue of its own, continues it.

    "“X,” she said. “Y.”" is one attribution; so is a quote that runs into the next
    paragraph (the first paragraph leaves it open, the next opens it again).
    """
    tagged: set[int] = set()  # tokens already used; orphan content spans may be absorbed
    for sp in spans:
        if sp.role != ROLE_CON:
            tagged.update(range(sp.start, sp.end))
    for g in groups:
        for sp in g.contents:
            tagged.update(range(sp.start, sp.end))
    n = len(doc)
    for g in groups:
        if not g.contents:
            continue
        for _ in range(4):
            last = max(g.contents, key=lambda c: c.end)
            if doc[last.end - 1].text not in _CLOSERS and not _left_open(doc, last):
                break
            end = max([last.end, g.cue.end] + [x.end for x in g.sources])
            i = end
            crossed = 0
            while i < n and (doc[i].is_space or doc[i].text in (".", ",")):
                crossed += doc[i].text.count("\n") > 0
                i += 1
            if i >= n or crossed > 1 or doc[i].text not in _OPENERS or i in tagged:
                break
            if crossed and not _left_open(doc, last):
                break
            j = i + 1
            while j < n and doc[j].text not in _CLOSERS and "\n" not in doc[j].text and j not in tagged:
                j += 1
            if j < n and doc[j].text in _CLOSERS:
                j += 1
            elif j < n and "\n" in doc[j].text:
                pass  # open again at paragraph end: a multi-paragraph quote
            else:
                break
            if j - i < 3:
                break
            g.contents.append(RoleSpan(ROLE_CON, i, j, last.para + crossed, doc[i].sent.start, last.conf))
            tagged.update(range(i, j))


def _share_sources(groups: list[Group], head: list[int]) -> None:
    """A sourceless cue governed by (or governing) a sourced cue shares its source ("said X, citing Y")."""
    owner: dict[int, int] = {}
    for g_index, g in enumerate(groups):
        for i in range(g.cue.start, g.cue.end):
            owner[i] = g_index
    for g_index, g in enumerate(groups):
        if g.sources or not g.contents:
            continue
        for r in _roots(g.cue, head):
            other = _climb(r, head, owner, limit=2)
            if (
                other is not None
                and other != g_index
                and groups[other].sources
                and groups[other].cue.sent == g.cue.sent
            ):
                g.sources = list(groups[other].sources)
                break


def _left_open(doc: Doc, span: RoleSpan) -> bool:
    """True when a quotation opened in ``span`` is not closed in it (a multi-paragraph quote)."""
    text = doc[span.start : min(span.end + 1, len(doc))].text
    opened = text.count("“") - text.count("”")
    return opened > 0 or (text.count("“") == 0 and text.count('"') % 2 == 1)


def _opens_quote(doc: Doc, span: RoleSpan) -> bool:
    return doc[span.start].text in _QUOTE_TOKENS or (
        span.start > 0 and doc[span.start - 1].text in _QUOTE_TOKENS
    )


_QUOTE_TOKENS = frozenset({'"', "“", "‘", "'", "''", "``", "«"})
