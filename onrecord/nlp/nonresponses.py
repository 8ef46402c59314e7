"""Non-responses: who was asked and did not answer ("declined to comment", "could not be reached").

Standards desks count these to see whether the other side was asked. Wire copy phrases
them in a handful of fixed ways, so the stage is a set of rules over the dependency
parse: a trigger verb (decline, respond, reach, refer ...) with the right complement,
and its subject as the actor. Rules read the parse rather than the surface string so
that "Europol declined to name the suspects, and police in Cyprus did not immediately
respond" yields two actors.

Not non-responses, by design: "spoke on condition of anonymity", "asked not to be
named", "declined to be identified" (anonymity, not silence) and "did not say how much"
(a negated statement, which the attribution stage records).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import dropped_mask, register_extensions, set_non_responses, text_of, words_of
from onrecord.nlp.lexicon import non_responses as vocab
from onrecord.nlp.lexicon.punctuation import LEFT_DOUBLE_QUOTE, NON_RESPONSE_QUOTES, STRAIGHT_DOUBLE_QUOTE
from onrecord.nlp.lexicon.reporting_verbs import NO_COMMENT_SAY_LEMMAS
from onrecord.records import NonResponse, NonResponseKind, Span

_TIME_ENTS = frozenset({"DATE", "TIME"})
# Dependents that end the phrase: a new clause, a relative clause about the object, punctuation.
_CLAUSE_DEPS = frozenset({"punct", "cc", "advcl", "relcl", "parataxis", "mark", "dep"})

_NO_COMMENT = re.compile(vocab.NO_COMMENT_PATTERN, re.IGNORECASE)


def _has_neg(tok: Token) -> bool:
    """Whether the verb is negated from the left, not by a word inside a preceding quote.

    Covers "did not respond", "would neither confirm", "Neither X nor Y responded" and
    "No one at the firm could be reached".
    """
    if any(c.i < tok.i and (c.dep_ == "neg" or c.lower_ in vocab.NEGATIONS) and c.i >= tok.i - 4
           for c in tok.children):
        return True
    subj = _child(tok, "nsubj", "nsubjpass")
    if subj is None:
        return False
    return subj.lower_ in vocab.NEGATIVE_SUBJECTS or any(
        c.lower_ in vocab.NEGATIVE_DETERMINERS for c in subj.children)


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _is_time(tok: Token) -> bool:
    """A time adjunct ("on Friday", "Tuesday"): outside the phrase by convention."""
    if tok.ent_type_ in _TIME_ENTS and tok.dep_ in {"npadvmod", "tmod", "advmod", "pobj", "nsubj"}:
        return True
    if tok.dep_ == "prep":
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        return bool(objs) and all(o.ent_type_ in _TIME_ENTS for o in objs)
    return False


def _phrase_end(tok: Token) -> int:
    """Index of the last token of ``tok``'s phrase, without new clauses and time adjuncts.

    The phrase never runs past the sentence or the paragraph: the parser sometimes
    attaches the next paragraph's clause to this one.
    """
    doc = tok.doc
    limit = tok.sent.end - 1
    for i in range(tok.i + 1, limit + 1):
        if "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_:
            limit = i - 1
            break
    end = _right_end(tok, limit)
    while end > tok.i and (end > limit or doc[end].is_punct or doc[end].is_space):
        end -= 1
    return end


def _right_end(tok: Token, limit: int) -> int:
    end = tok.i
    for child in tok.rights:
        if child.i > limit or child.dep_ in _CLAUSE_DEPS or _is_time(child):
            continue
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and not any(
                c.lower_ == vocab.NOR for c in tok.children):  # "neither confirm nor deny" stays whole
            continue
        end = max(end, _right_end(child, limit))
    return end


def _verb_start(tok: Token) -> int:
    """First token of the verb group: auxiliaries, negation and adverbs before the verb."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in {"aux", "auxpass", "neg", "advmod"} and child.i >= start - 4:
            start = min(start, child.i)
    return start


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb`` and whether it is the verb's own (not inherited from a head clause)."""
    tok, own = verb, True
    for _ in range(4):
        subj = _child(tok, "nsubj", "nsubjpass")
        if subj is not None:
            return subj, own
        if tok.dep_ == "xcomp":  # "failed to respond": the subject of "failed" is still adjacent
            tok = tok.head
        elif tok.dep_ in {"conj", "advcl"}:
            tok, own = tok.head, False
        else:
            break
    return None, own


def _actor_bounds(subj: Token) -> tuple[int, int]:
    """Token range of the actor phrase: the subject with appositives, not comma-set relative clauses."""
    start, end = subj.left_edge.i, subj.i
    for child in subj.rights:
        if child.dep_ == "punct":
            continue  # the commas around an appositive: "Its director, Peter Kiprono,"
        if child.dep_ == "relcl" or (child.dep_ == "acl" and child.tag_ == "VBG"):
            break
        end = max(end, child.right_edge.i)
    doc = subj.doc
    while end > start and doc[end].is_punct:
        end -= 1
    return start, end


def _char_span(doc: Doc, start: int, end: int) -> Span:
    return Span.from_offsets(text_of(doc), [(doc[start].idx, doc[end].idx + len(doc[end]))])


def _quoted(doc: Doc) -> list[bool]:
    """Per token: inside quotation marks (a source's own words, not the reporter's)."""
    inside, mask = False, []
    for word in words_of(doc):
        if "\n" in word:
            inside = False
        if word in NON_RESPONSE_QUOTES:
            inside = word == LEFT_DOUBLE_QUOTE or (word == STRAIGHT_DOUBLE_QUOTE and not inside)
            mask.append(True)
            continue
        mask.append(inside)
    return mask


def _declined(tok: Token) -> int | None:
    """'declined/refused to comment …', 'declined comment', 'would not say': the phrase end, else None."""
    if tok.lemma_ in vocab.DECLINE_VERBS and tok.pos_ == "VERB":
        xcomp = _child(tok, "xcomp")
        if xcomp is not None and xcomp.lemma_ in vocab.WITHHELD:
            if _child(xcomp, "auxpass") is not None:  # "declined to be identified": anonymity
                return None
            if xcomp.lemma_ in vocab.SPEAK_VERBS and _speaks_anonymously(xcomp):
                return None
            if xcomp.lemma_ in vocab.TRANSFER and _child(xcomp, "dative") is not None:
                return None  # "refused to give me credit": a refusal, but not to inform
            return _phrase_end(tok)
        # "declined comment", "declined requests for an interview"; not "refused requests to stop it".
        dobj = _child(tok, "dobj")
        if dobj is not None and any(t.lemma_ in vocab.COMMENT_NOUNS for t in dobj.subtree):
            return _phrase_end(tok)
        return None
    if (tok.lemma_ in vocab.WITHHELD - vocab.TRANSFER and tok.pos_ == "VERB" and _has_neg(tok)
            and _child(tok, "auxpass") is None):
        aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if aux & vocab.WOULD_AUXILIARIES:
            return _phrase_end(tok)
        if tok.lemma_ == vocab.COMMENT and aux & vocab.DO_AUXILIARIES:  # "it does not comment on litigation"
            return _phrase_end(tok)
    return None


def _speaks_anonymously(verb: Token) -> bool:
    words = {t.lower_ for t in verb.subtree}
    return bool(words & vocab.ANONYMITY_WORDS)


def _did_not_respond(tok: Token) -> int | None:
    """'did not (immediately) respond / reply / return calls / answer', 'failed to respond'."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_ not in vocab.RESPOND_VERBS:
        return None
    negated = _has_neg(tok) or (tok.dep_ == "xcomp" and tok.head.lemma_ == vocab.FAIL)
    negated = negated or (tok.dep_ == "xcomp" and any(c.lower_ == vocab.YET for c in tok.head.children))
    if not negated or _child(tok, "auxpass") is not None:
        return None
    dobj = _child(tok, "dobj")
    if tok.lemma_ == vocab.RETURN:
        if dobj is None or dobj.lemma_ not in vocab.REQUESTS:
            return None
    elif tok.lemma_ == vocab.ANSWER:
        if dobj is not None and dobj.lemma_ not in vocab.ANSWERED_OBJECTS:
            return None
    elif tok.lemma_ == vocab.COMMENT:
        if any(c.lower_ in vocab.DO_AUXILIARIES for c in tok.children):
            return None  # a stated policy: declined, handled by _declined
    else:
        to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == vocab.TO), None)
        obj = _child(to, "pobj") if to is not None else None
        if obj is not None and obj.lemma_ not in vocab.REQUESTS:
            return None
    return _phrase_end(tok)


def _unreachable(tok: Token) -> int | None:
    """'could not be reached (for comment)', 'was not available for comment'."""
    if tok.lemma_ in vocab.REACH_VERBS and _child(tok, "auxpass") is not None and _has_neg(tok):
        # "could not be reached"; "an agreement has not been reached" is about something else.
        modal = any(c.lower_ in vocab.CAN_MODALS for c in tok.children)
        if modal or any(t.lower_ == vocab.COMMENT for t in tok.subtree):
            return _phrase_end(tok)
        return None
    if tok.lower_ in vocab.AVAILABILITY and tok.dep_ == "acomp":
        if tok.lower_ == vocab.AVAILABLE and not any(c.dep_ == "neg" for c in tok.head.children):
            return None
        if any(t.lower_ == vocab.COMMENT for t in tok.subtree):
            return _phrase_end(tok)
    return None


def _referred(tok: Token) -> int | None:
    """'referred (further) questions to …', 'referring questions to …'."""
    if tok.lemma_ not in vocab.REFER_VERBS or tok.pos_ != "VERB":
        return None
    # Read the object off the surface: the parser often misattaches "questions" here.
    doc = tok.doc
    obj = next((t for t in doc[tok.i + 1: tok.i + 4] if t.lemma_ in vocab.REFER_OBJECTS), None)
    if obj is None:
        return None
    end = _phrase_end(tok)
    if not any(t.lower_ == vocab.TO for t in doc[obj.i + 1: end + 1]):
        return None
    return end


def _passive_unanswered(tok: Token) -> tuple[Token, int] | None:
    """'Messages … went unanswered', 'calls … were not returned': (subject, end), no actor."""
    if tok.lower_ == vocab.UNANSWERED:
        subj = _child(tok, "nsubj", "nsubjpass") or _child(tok.head, "nsubj", "nsubjpass")
        if subj is not None and subj.lemma_ in vocab.REQUESTS:
            return subj, tok.i
    if tok.lemma_ in vocab.RETURN_VERBS and _child(tok, "auxpass") is not None and _has_neg(tok):
        subj = _child(tok, "nsubjpass")
        if subj is not None and subj.lemma_ in vocab.REQUESTS:
            return subj, tok.i
    return None


def _failed_attempt(tok: Token) -> tuple[Token, int] | None:
    """'Attempts to reach the owner were unsuccessful': (the person not reached, phrase end)."""
    if tok.lemma_ not in vocab.ATTEMPT_NOUNS or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    reach = next((c for c in tok.children if c.lemma_ in vocab.REACH_VERBS and c.dep_ in {"acl", "xcomp"}),
                 None)
    target = _child(reach, "dobj") if reach is not None else None
    head = tok.head
    failed = head.lemma_ in vocab.FAILING_VERBS or any(
        c.lower_ in vocab.FAILURE_WORDS for c in head.children)
    if target is None or not failed:
        return None
    return target, _phrase_end(head)


def _make(doc: Doc, verb: Token, end: int, kind: NonResponseKind) -> NonResponse | None:
    """The finding for an active trigger, or None without a subject ("not answering questions")."""
    subj, own = _subject(verb)
    if subj is None:
        return None
    start = _verb_start(verb)
    a_start, a_end = _actor_bounds(subj)
    if own and a_start < start:
        start = a_start
    return NonResponse(actor=_char_span(doc, a_start, a_end), kind=kind, span=_char_span(doc, start, end))


def _no_comment_quotes(doc: Doc, masked: list[bool]) -> Iterator[NonResponse]:
    """A quoted "No comment." with its speaker: '… a spokeswoman said: “No comment.”'."""
    for m in _NO_COMMENT.finditer(text_of(doc)):
        quote = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if quote is None or masked[quote.start]:
            continue
        sent = quote.sent
        verbs = [t for t in sent if t.lemma_ in NO_COMMENT_SAY_LEMMAS and _child(t, "nsubj") is not None
                 and not (quote.start <= t.i < quote.end)]
        if not verbs:
            continue
        verb = min(verbs, key=lambda t: min(abs(t.i - quote.start), abs(t.i - quote.end)))
        subj = _child(verb, "nsubj")
        if subj is None:
            continue
        a_start, a_end = _actor_bounds(subj)
        start = min(a_start, quote.start)
        end = max(quote.end - 1, verb.i, a_end)
        yield NonResponse(actor=_char_span(doc, a_start, a_end), kind="no_comment",
                          span=_char_span(doc, start, end))


def _no_response_from(tok: Token) -> Token | None:
    """'There was no (immediate) response from the ministry': the actor token, else None."""
    if tok.lemma_ not in vocab.RESPONSE_NOUNS or not any(c.lower_ == vocab.NO for c in tok.children):
        return None
    preps = {c.lower_: _child(c, "pobj") for c in tok.children if c.dep_ == "prep"}
    to = preps.get(vocab.TO)
    if to is not None and to.lemma_ not in vocab.REQUESTS:
        return None  # "no response from the regulator to its proposal": not about the press
    return preps.get(vocab.FROM)


def _expletive_start(tok: Token) -> int:
    """Start 'There was no response …' at 'There'."""
    expl = next((c for c in tok.head.children if c.dep_ == "expl"), None)
    return min(expl.i, tok.left_edge.i) if expl is not None else tok.left_edge.i


def _had_no_comment(tok: Token) -> bool:
    """'had no (immediate) comment', 'offered no comment'."""
    return (tok.lower_ == vocab.COMMENT and tok.dep_ == "dobj"
            and any(c.lower_ == vocab.NO for c in tok.children)
            and tok.head.lemma_ in vocab.COMMENT_GIVING_VERBS)  # "made no comment on" is silence, not a reply


def _overlaps(a: NonResponse, b: NonResponse) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.span.spans for s2, e2 in b.span.spans)


# Each test below fires only on a token whose lemma, or (for "unanswered", "no comment") whose
# lower-cased form, is one of these: the token loop reads both from columns and makes a Token only
# for those (spaCy compares them as string hashes).
_CUE_LEMMAS = frozenset({*vocab.DECLINE_VERBS, *(vocab.WITHHELD - vocab.TRANSFER), *vocab.RESPOND_VERBS,
                         *vocab.REACH_VERBS, *vocab.REFER_VERBS, *vocab.RETURN_VERBS, *vocab.ATTEMPT_NOUNS,
                         *vocab.RESPONSE_NOUNS})
_CUE_WORDS = frozenset({*vocab.AVAILABILITY, vocab.UNANSWERED, vocab.COMMENT})


def find_non_responses(doc: Doc) -> list[NonResponse]:
    """Find non-responses in a parsed Doc, in text order.

    Needs a dependency parse and lemmas. Findings inside dropped boilerplate lines are
    ignored. Each has the actor phrase (None for passives), a kind, and a span from the
    actor to the end of the non-response phrase, trailing time adjuncts excluded.
    """
    masked = dropped_mask(doc)
    quoted = _quoted(doc)
    found: list[NonResponse | None] = []
    strings = doc.vocab.strings
    cue_lemmas = {strings[w] for w in _CUE_LEMMAS}
    cue_words = {strings[w] for w in _CUE_WORDS}
    for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist() if len(doc) else []):
        if masked[i] or quoted[i] or (lemma not in cue_lemmas and lower not in cue_words):
            continue
        tok = doc[i]
        if (end := _declined(tok)) is not None:
            found.append(_make(doc, tok, end, "declined_to_comment"))
        elif (end := _did_not_respond(tok)) is not None:
            found.append(_make(doc, tok, end, "did_not_respond"))
        elif (end := _unreachable(tok)) is not None:
            verb = tok.head if tok.dep_ == "acomp" else tok
            found.append(_make(doc, verb, end, "could_not_be_reached"))
        elif (end := _referred(tok)) is not None:
            found.append(_make(doc, tok, end, "referred_elsewhere"))
        elif (passive := _passive_unanswered(tok)) is not None:
            subj, end = passive
            found.append(NonResponse(actor=None, kind="did_not_respond",
                                     span=_char_span(doc, subj.left_edge.i, end)))
        elif (attempt := _failed_attempt(tok)) is not None:
            target, end = attempt
            a_start, a_end = _actor_bounds(target)
            found.append(NonResponse(actor=_char_span(doc, a_start, a_end), kind="could_not_be_reached",
                                     span=_char_span(doc, tok.left_edge.i, end)))
        elif (source := _no_response_from(tok)) is not None:
            a_start, a_end = _actor_bounds(source)
            found.append(NonResponse(actor=_char_span(doc, a_start, a_end), kind="did_not_respond",
                                     span=_char_span(doc, _expletive_start(tok), _phrase_end(tok))))
        elif _had_no_comment(tok):
            found.append(_make(doc, tok.head, _phrase_end(tok.head), "no_comment"))
    found.extend(_no_comment_quotes(doc, masked))
    kept: list[NonResponse] = []
    for nr in sorted((n for n in found if n is not None), key=lambda n: n.span.start):
        if not any(_overlaps(nr, k) and nr.kind == k.kind for k in kept):
            kept.append(nr)
    return kept


@Language.factory(
    "onrecord_non_responses",
    assigns=["doc._.onrecord_non_responses"],
    requires=["token.dep", "token.lemma"],
    default_config={},
)
def make_non_responses(nlp: Language, name: str) -> StageComponent[list[NonResponse]]:
    """Build the non-response component; registers onrecord's Doc extensions first."""
    register_extensions()
    return StageComponent(name, find_non_responses, set_non_responses)


__all__ = ["find_non_responses", "make_non_responses"]
