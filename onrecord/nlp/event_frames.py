"""Event frames: which tokens trigger an event of which PLOVER 2.0 type, and how frames join.

Read by ``nlp/events.py`` (the stage); the words are in ``nlp/lexicon/events.py``. A frame is
one event being built: a trigger verb (or light verb and event noun), the act it absorbs as
its content ("agreed to withdraw"), and the verbs that wrap it without being events of their
own ("plans to", "denied").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from onrecord.nlp.lexicon import events as lex

# Dependencies through which a verb takes another act as its content or is wrapped by one.
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "prep", "pobj", "acomp"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative"})
# Children that end a noun phrase used as an argument.
CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis"})
# Children whose subtree is another clause (not searched for mode words, not "the same clause").
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj", "acl"})
NEG_DEPS = frozenset({"neg"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
MAX_CLIMB = 4
# Every verb lemma some rule of ``classify`` reads (phrasal pairs, light verbs, object shifts, the
# verb types): a verb outside it triggers nothing, so neither its children nor its Token are needed.
VERB_TRIGGER_LEMMAS = frozenset({*lex.VERB_TYPES, *(lemma for lemma, _ in lex.PHRASAL), *lex.LIGHT_VERBS,
                                 *lex.LIGHT_VERB_TYPES, *lex.OBJECT_SHIFTS})
MAX_ARGUMENT_TOKENS = 40  # an argument span stops here: a 2,000-token run-on is not an actor


@dataclass(slots=True)
class Frame:
    """One event being built: its head token, its trigger tokens and its content act."""

    head: Token
    event_type: str
    mode: str | None
    trigger: list[Token]
    content: Token | None = None  # the absorbed act ("withdraw" in "agreed to withdraw")
    content_type: str | None = None
    wrappers: list[Token] = field(default_factory=list)  # "plans" in "plans to strike"


# -- classification ----------------------------------------------------------------------------

def lemma_of(tok: Token) -> str:
    return fixed_lemma(tok.lemma_)


def fixed_lemma(lemma: str) -> str:
    """A lemma as the rules read it: lower case, the small model's known slips mended
    ("staged" -> "stag" -> "stage"). The column gate in ``events.find_events`` uses it too."""
    low = lemma.lower()
    return lex.LEMMA_FIXES.get(low, low)


def _noun_class(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    for name, words in (("proposal", lex.PROPOSAL_NOUNS), ("troop", lex.TROOP_NOUNS),
                        ("police", lex.POLICE_NOUNS), ("weapon", lex.WEAPON_NOUNS),
                        ("militia", lex.MILITIA_NOUNS),
                        ("aid", lex.AID_NOUNS), ("diplomat", lex.DIPLOMAT_NOUNS),
                        ("relation", lex.RELATION_NOUNS)):
        if lemma in words:
            return name
    return None


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in OBJECT_DEPS]


def _has_argument(tok: Token) -> bool:
    return any(c.dep_ in {"dobj", "dative", "xcomp", "ccomp", "nsubjpass", "attr"} or
               (c.dep_ == "prep" and any(g.dep_ in {"pobj", "pcomp"} for g in c.children))
               for c in tok.children)


def _refuses_something(tok: Token) -> bool:
    """"refused the offer", "declined to withdraw": a thing or an act of the lexicon."""
    return any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} or
               c.dep_ in {"xcomp", "ccomp"} and (lemma_of(c) in lex.VERB_TYPES or any(
                   (lemma_of(c), g.lower_) in lex.PHRASAL for g in c.children))
               for c in tok.children)


def _noun_type(noun: Token) -> tuple[str, str | None] | None:
    lemma = noun.lemma_.lower()
    found = lex.NOUN_TYPES.get(lemma)
    if found is None:
        return None
    if lemma in {"strike", "attack"} and any(c.dep_ in {"compound", "amod"} and c.lemma_.lower()
                                            in lex.ASSAULT_COMPOUNDS for c in noun.children):
        return ("ASSAULT", None)
    return found


def _light(tok: Token) -> tuple[str, str | None, Token] | None:
    """A light verb with an event noun: ("held talks") -> (type, mode, noun)."""
    lemma = lemma_of(tok)
    if lemma not in lex.LIGHT_VERBS and lemma not in lex.LIGHT_VERB_TYPES:
        return None
    nouns = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if lemma in lex.LIGHT_PREP_VERBS:
        nouns += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        found = _noun_type(noun)
        if found is None:
            continue
        if lemma in lex.LIGHT_VERB_TYPES:
            return (*lex.LIGHT_VERB_TYPES[lemma], noun)
        shifted = lex.LIGHT_VERB_SHIFTS.get(lemma, {}).get(found[0])
        return (*(shifted or found), noun)
    return None


def classify(tok: Token) -> Frame | None:
    """The event a token triggers on its own, before frames are joined."""
    if tok.dep_ in MODIFIER_DEPS:
        return None  # "the long-threatened invasion", "shooting deaths"
    if tok.pos_ == "VERB":
        lemma = lemma_of(tok)
        if lemma not in VERB_TRIGGER_LEMMAS:
            return None
        if lemma in lex.NOT_PASSIVE and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in tok.children):
            return None
        for c in tok.children:
            if c.dep_ in {"prt", "prep", "dobj", "acomp", "advmod"}:
                pair = lex.PHRASAL.get((lemma, c.lower_))
                if pair is not None:
                    return Frame(tok, pair[0], pair[1], [tok, c])
        light = _light(tok)
        if light is not None:
            return Frame(tok, light[0], light[1], [tok, light[2]])
        for obj in _objects(tok):
            cls = _noun_class(obj)
            shifted = lex.OBJECT_SHIFTS.get(lemma, {}).get(cls) if cls else None
            if shifted is not None:
                return Frame(tok, shifted[0], shifted[1], [tok])
        if lemma in lex.PHRASAL_ONLY or lemma not in lex.VERB_TYPES:
            return None
        if lemma in lex.NEEDS_OBJECT and not _has_argument(tok):
            return None
        if lemma in lex.NEEDS_EVENT_COMPLEMENT and not _refuses_something(tok):
            return None
        event_type, mode = lex.VERB_TYPES[lemma]
        if lemma == "strike" and any(_lemma_in(s, lex.WORKER_NOUNS) for s in subjects(tok)):
            event_type, mode = "PROTEST", "strike"
        elif event_type == "PROTEST" and any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children):
            event_type, mode = lex.VERBAL_PROTEST  # "…, a rights group protested"
        return Frame(tok, event_type, mode, [tok])
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in SUBJECT_DEPS and tok.head.pos_ == "VERB" \
            and tok.head.lemma_.lower() in lex.OCCUR_VERBS:
        found = _noun_type(tok)
        if found is not None:
            return Frame(tok.head, found[0], found[1], [tok, tok.head])
    return None


def _lemma_in(tok: Token, words: frozenset[str]) -> bool:
    return tok.lemma_.lower() in words or any(c.lemma_.lower() in words for c in tok.children
                                               if c.dep_ in {"compound", "amod"})


def subjects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in SUBJECT_DEPS]


# -- frames ------------------------------------------------------------------------------------

def _controller(tok: Token) -> Token | None:
    """The verb that takes ``tok``'s act as its content ("agreed" for "withdraw"), if any."""
    cur = tok
    for _ in range(MAX_CLIMB):
        if cur.dep_ not in COMPLEMENT_DEPS or cur.head is cur:
            return None
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"} or cur.lemma_.lower() in lex.FUTURE_ADJECTIVES:
            return cur
    return None


def join_frames(frames: dict[int, Frame]) -> list[Frame]:
    """Absorb content acts into controlling events; collect the wrappers above each frame."""
    absorbed: set[int] = set()
    for i, frame in sorted(frames.items()):
        ctrl = _controller(frame.head)
        while ctrl is not None:
            outer = frames.get(ctrl.i)
            if outer is not None and outer.head.lemma_.lower() in lex.WRAPPING_EVENT_VERBS:
                absorbed.add(ctrl.i)  # "denied shelling": the shelling, negated
                outer = None
            if outer is not None and _purpose(frame.head) and frame.event_type in lex.PURPOSE_TYPES:
                outer.trigger.extend(t for t in frame.trigger if t not in outer.trigger)
                absorbed.add(i)  # "staged demonstrations to demand reforms": one protest
                break
            if outer is not None:
                if outer.event_type in lex.CONTROLLING_TYPES and outer.content is None:
                    outer.content, outer.content_type = frame.head, frame.event_type
                    outer.trigger.extend(t for t in frame.trigger if t not in outer.trigger)
                    absorbed.add(i)
                break
            frame.wrappers.append(ctrl)
            ctrl = _controller(ctrl)
    return [f for i, f in sorted(frames.items()) if i not in absorbed]


def _purpose(tok: Token) -> bool:
    """A purpose clause: "to demand" hanging on the act it serves."""
    return tok.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "aux" and c.lower_ == lex.TO for c in tok.children)


def set_mode(frame: Frame, clause: Sequence[Token]) -> None:
    """Type and mode of a controlling frame from its content; the mode from the clause's words."""
    ctype = frame.content_type
    if frame.event_type == "AGREE" and ctype in lex.CONFLICT_TYPES:
        frame.event_type, frame.mode = "THREATEN", None
    lemmas = {t.lemma_.lower() for t in clause}
    if frame.event_type == "THREATEN":
        frame.mode = (lex.THREAT_MODES.get(ctype) if ctype else None) or _first_mode(
            lex.THREAT_MODE_WORDS, lemmas)
    elif frame.event_type in {"REQUEST", "REJECT"}:
        frame.mode = (lex.CONTENT_MODES.get(ctype) if ctype else None) or _first_mode(
            lex.CONTENT_MODE_WORDS, lemmas)
    elif frame.event_type in lex.MODE_WORDS:
        table = lex.MODE_WORDS[frame.event_type]
        own = {c.lemma_.lower() for t in frame.trigger for c in t.children if c.dep_ in MODIFIER_DEPS}
        frame.mode = _first_mode(table, own) or frame.mode or _first_mode(table, lemmas)


def _first_mode(table: Iterable[tuple[str, frozenset[str]]], lemmas: set[str]) -> str | None:
    return next((mode for mode, words in table if lemmas & words), None)


def clause_of(head: Token, subject: Token | None) -> list[Token]:
    """The tokens of the head's clause: its subtree without nested clauses, plus the subject's."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS)
    if subject is not None and subject not in out:
        out.extend(subject.subtree)
    return sorted(out, key=lambda t: t.i)
