"""Cue rescue: speech verbs and reporter's hedges the tagger left out, taken as cues after linking.

"“Apparently not,” he said." with odd quote marks, a parenthetical "he added," or a long
subject can make the CRF miss even a plain "said".

Only unambiguous reporting verbs with an explicit nominal subject are taken, and only
when the parse gives them content; the linking repairs then fill the spans.

"The port has reportedly lost business": the reporter passes on a claim without naming who
made it. PolNeAR marks the adverb as the cue, no source, and the clause around it as the
content; ``rescue_reporter_hedges`` takes such an adverb when no attribution holds it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.nlp.attributions.features import TokenTable
from onrecord.nlp.attributions.repairs import complete_from_tree
from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan
from onrecord.nlp.lexicon.punctuation import QUOTE_CLOSERS, QUOTE_OPENERS
from onrecord.nlp.lexicon.reporting_verbs import REPORTER_HEDGE_CUES, RESCUE_SPEECH_LEMMAS

RESCUE_CONFIDENCE = 0.55  # rule-made; sits in the 0.5-0.7 calibration bucket

_SUBJECT_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM"})
_SKIP_DEPS = frozenset({"relcl", "amod", "acl", "compound"})  # "moves that he said improved ..."


def _taken(groups: list[Group]) -> set[int]:
    """The tokens some group already uses as cue, source or content."""
    taken: set[int] = set()
    for g in groups:
        for sp in [g.cue, *g.sources, *g.contents]:
            taken.update(range(sp.start, sp.end))
    return taken


def rescue_speech_verbs(doc: Doc, groups: list[Group], table: TokenTable) -> list[Group]:
    """Groups for reporting verbs with a subject that no group in ``groups`` uses."""
    taken = _taken(groups)
    out: list[Group] = []
    para = 0
    for i, lemma in enumerate(table.lemma):
        if "\n" in table.text[i]:
            para += 1
        if lemma not in RESCUE_SPEECH_LEMMAS or i in taken or not table.tag[i].startswith("VB"):
            continue
        verb = doc[i]
        if verb.dep_ in _SKIP_DEPS:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in _SUBJECT_POS]
        if not subjects or any(
                k in taken for k in range(subjects[0].left_edge.i, subjects[0].right_edge.i + 1)):
            continue
        g = Group(RoleSpan(ROLE_CUE, i, i + 1, para, table.sent_id[i], RESCUE_CONFIDENCE))
        _closing_quote_clause(doc, g, subjects[0])
        if not g.contents:
            complete_from_tree(doc, g, table.head)
        spans = [*g.sources, *g.contents]
        if g.contents and g.sources and not any(k in taken for sp in spans for k in range(sp.start, sp.end)):
            out.append(g)
            for sp in [g.cue, *spans]:
                taken.update(range(sp.start, sp.end))
    return out


def _closing_quote_clause(doc: Doc, g: Group, subj: Token) -> None:
    """ "“…, …?” said one former official." / "“…,” the official added.": the quote before the clause.

    A reporting clause right after a closing quote mark takes that quotation as its content
    (which may run over several sentences, so the parse rarely links it) and the verb's
    subject as its source.
    """
    verb = doc[g.cue.start]
    a, b = subj.left_edge.i, subj.right_edge.i + 1
    lo = min(a, verb.i)
    if max(b, verb.i + 1) - lo > _CLAUSE_MAX:
        return
    j = lo - 1
    while j >= 0 and (doc[j].is_space and "\n" not in doc[j].text or doc[j].text == ","):
        j -= 1
    if j < 1 or doc[j].text not in QUOTE_CLOSERS:
        return
    k = j - 1
    while k >= 0 and doc[k].text not in QUOTE_OPENERS and "\n" not in doc[k].text:
        k -= 1
    if k < 0 or doc[k].text not in QUOTE_OPENERS or j - k < 3:
        return
    sent = g.cue.sent
    g.contents = [RoleSpan(ROLE_CON, k, j + 1, g.cue.para, doc[k].sent.start, RESCUE_CONFIDENCE)]
    g.sources = [RoleSpan(ROLE_SRC, a, b, g.cue.para, sent, RESCUE_CONFIDENCE)]


def rescue_reporter_hedges(doc: Doc, groups: list[Group], table: TokenTable) -> list[Group]:
    """Sourceless groups for "reportedly", "allegedly" modifying a verb in the reporter's voice.

    Inside another attribution's content the adverb is a hedge of that attribution (the
    certainty stage reads it there), so only free-standing ones are taken. The content is the
    verb's clause without the adverb and its commas: two fragments when the adverb sits inside.
    """
    taken = _taken(groups)
    out: list[Group] = []
    para = 0
    for i, low in enumerate(table.lower):
        if "\n" in table.text[i]:
            para += 1
        if low not in REPORTER_HEDGE_CUES or i in taken:
            continue
        verb = doc[i].head
        if doc[i].dep_ != "advmod" or verb.pos_ not in ("VERB", "AUX") or verb.i == i:
            continue
        sent = doc[i].sent
        a, b = max(verb.left_edge.i, sent.start), min(verb.right_edge.i + 1, sent.end)
        for child in verb.rights:  # "..., and the firm has since cut jobs": another clause
            if child.dep_ in ("cc", "conj") and child.i > i:
                b = min(b, child.left_edge.i)
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        left, right = i, i + 1
        while left > a and doc[left - 1].text == ",":
            left -= 1
        while right < b and doc[right].text == ",":
            right += 1
        fragments = [(x, y) for x, y in ((a, left), (right, b)) if y > x]
        if not fragments or any(k in taken for x, y in fragments for k in range(x, y)):
            continue
        if not any(doc[k].pos_ in ("VERB", "AUX") for x, y in fragments for k in range(x, y)):
            continue
        sent_id = table.sent_id[i]
        g = Group(RoleSpan(ROLE_CUE, i, i + 1, para, sent_id, RESCUE_CONFIDENCE))
        g.contents = [RoleSpan(ROLE_CON, x, y, para, sent_id, RESCUE_CONFIDENCE) for x, y in fragments]
        out.append(g)
        taken.update(range(a, b))
    return out


# How far a reporting clause may sit from the quote mark that closes (or reopens) the quotation.
_QUOTE_REACH = 6
_CLAUSE_MAX = 12  # tokens: "said Jo Lee, a spokeswoman for the agency" and no more
# Dependents of the reporting verb that belong to its clause: "Sanders told CNN on Sunday".
_CLAUSE_DEPS = frozenset({"dobj", "dative", "iobj", "prep", "npadvmod", "advmod", "prt", "aux", "neg"})
_QUOTES = QUOTE_OPENERS | QUOTE_CLOSERS
_CLAUSE_EDGE = frozenset({",", ":"})


def split_reporting_clauses(doc: Doc, spans: list[RoleSpan], table: TokenTable) -> list[RoleSpan]:
    """ "“...,” a spokesman said." tagged as one content: the reporting clause is a cue and its source.

    After a long quotation the tagger tends to run the content on over the clause that
    attributes it ("“...,” Sanders told CNN", "“..., he added, “...”"). A reporting verb
    with a nominal subject, outside the quotation and right next to a quote mark of the
    content, becomes a cue and its subject the source; the content is split around the clause.
    """
    out: list[RoleSpan] = []
    for sp in spans:
        out.extend(_split_content(doc, sp, table) if sp.role == ROLE_CON and sp.end - sp.start > 4 else [sp])
    return out


def _split_content(doc: Doc, sp: RoleSpan, table: TokenTable) -> list[RoleSpan]:
    text, lemma, tag = table.text, table.lemma, table.tag
    for q in range(sp.start + 1, sp.end - 1):
        if text[q] not in _QUOTES:
            continue
        for k in range(max(sp.start + 1, q - _QUOTE_REACH), min(q + _QUOTE_REACH + 1, sp.end)):
            if lemma[k] in RESCUE_SPEECH_LEMMAS and tag[k].startswith("VB") and not _inside_quote(text, k):
                parts = _around_clause(doc, sp, k, table)
                if parts:
                    return parts
    return [sp]


def _inside_quote(text: list[str], k: int) -> bool:
    """Whether token ``k`` stands inside a quotation opened earlier in its paragraph."""
    depth = straight = 0
    i = k - 1
    while i >= 0 and "\n" not in text[i]:
        t = text[i]
        if t in QUOTE_CLOSERS and t in QUOTE_OPENERS:
            straight += 1
        elif t in QUOTE_OPENERS:
            depth += 1
        elif t in QUOTE_CLOSERS:
            depth -= 1
        i -= 1
    return depth > 0 or straight % 2 == 1


def _around_clause(doc: Doc, sp: RoleSpan, k: int, table: TokenTable) -> list[RoleSpan] | None:
    """Content / cue / source / content spans for the reporting verb at ``k``, or None."""
    verb = doc[k]
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in _SUBJECT_POS]
    if not subjects:
        return None
    subj = subjects[0]
    parts = [(subj.left_edge.i, subj.right_edge.i + 1), (k, k + 1)]
    parts += [(c.left_edge.i, c.right_edge.i + 1) for c in verb.children if c.dep_ in _CLAUSE_DEPS]
    lo, hi = min(a for a, _ in parts), max(b for _, b in parts)
    text = table.text
    if lo <= sp.start or hi > sp.end or hi - lo > _CLAUSE_MAX:
        return None
    if any(text[i] in _QUOTES for i in range(lo, hi)):
        return None
    before, after = lo, hi
    while before > sp.start + 1 and text[before - 1] in _CLAUSE_EDGE:
        before -= 1
    while after < sp.end and text[after] in _CLAUSE_EDGE:
        after += 1
    if text[before - 1] not in _QUOTES and not (after < sp.end and text[after] in _QUOTES):
        return None
    sent = table.sent_id[k]
    out = [RoleSpan(ROLE_CON, sp.start, before, sp.para, sp.sent, sp.conf),
           RoleSpan(ROLE_CUE, k, k + 1, sp.para, sent, RESCUE_CONFIDENCE),
           RoleSpan(ROLE_SRC, subj.left_edge.i, subj.right_edge.i + 1, sp.para, sent, RESCUE_CONFIDENCE)]
    if sp.end - after >= 2:
        out.append(RoleSpan(ROLE_CON, after, sp.end, sp.para, table.sent_id[after], sp.conf))
    return out
