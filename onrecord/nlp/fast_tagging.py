"""Output-identical, faster stand-ins for the English model's attribute ruler and lemmatizer.

Profiling the default pipeline over the PolNeAR dev texts showed these two rule components
taking about 2.2 s of a 14 s parse, more than most onrecord stages: spaCy's AttributeRuler runs
179 Matcher patterns and builds a Span per match, and its rule lemmatizer caches only part of
its answers, so it re-derives the lemma of every singular noun and base-form verb through
Python attribute reads on each token. Both answers depend only on a few token attributes, so
here they are computed once per distinct combination and written back with ``Doc.from_array``.

The replacements keep the original components' data (patterns, lookups) and names, and defer
to the original code for anything not yet cached, so the parse is the same annotation for
annotation; ``tests/test_fast_tagging.py`` compares them against spaCy's own components.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG, intify_attr
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

_TESTED = (LOWER, TAG, DEP, IS_SPACE)  # the attributes the model's ruler patterns test
_TESTED_LIST: list[int | str] = list(_TESTED)
_COLUMN = {attr: k for k, attr in enumerate(_TESTED)}
Signature = tuple[int, ...]  # a token's values of _TESTED
Test = Callable[[Signature], bool]


def _token_test(spec: dict[str, Any], vocab: Vocab) -> Test:
    """One Matcher token pattern as a test on a token's signature (the forms the model uses)."""
    checks: list[Test] = []
    for key, value in spec.items():
        attr = intify_attr(key)
        if attr not in _COLUMN:
            raise ValueError(f"attribute ruler pattern tests {key}, which the fast ruler does not read")
        col = _COLUMN[attr]
        checks.append(_value_test(col, attr, value, vocab))
    return lambda sig: all(check(sig) for check in checks)


def _value_test(col: int, attr: int, value: Any, vocab: Vocab) -> Test:
    """``value`` as the Matcher reads it: a string or bool to equal, or an IN/NOT_IN/REGEX dict."""
    if isinstance(value, bool):
        flag = int(value)
        return lambda sig: sig[col] == flag
    if isinstance(value, str):
        wanted = vocab.strings.add(value)
        return lambda sig: sig[col] == wanted
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            members = frozenset(vocab.strings.add(v) for v in arg)
            return lambda sig: sig[col] in members
        if op == "NOT_IN":
            outside = frozenset(vocab.strings.add(v) for v in arg)
            return lambda sig: sig[col] not in outside
        if op == "REGEX":
            pattern = re.compile(arg)
            strings = vocab.strings
            return lambda sig: bool(pattern.search(strings[sig[col]]))
    raise ValueError(f"attribute ruler pattern value {value!r} is not a form the fast ruler reads")


_LOWER_COLUMN = _COLUMN[LOWER]
Filed = TypeVar("Filed")


def _file(spec: dict[str, Any], vocab: Vocab, item: Filed, by_lower: dict[int, list[Filed]],
          lower_unfiled: list[Filed], rest: list[Filed]) -> None:
    """File ``item`` (a rule or its first token) by what its token pattern ``spec`` reads of LOWER.

    Under each LOWER value it requires (a string or an IN list); among the tests that read LOWER
    otherwise (REGEX, NOT_IN); else among those that never read it.
    """
    value = next((v for k, v in spec.items() if intify_attr(k) == LOWER), None)
    if value is None:
        rest.append(item)
    elif isinstance(value, str):
        by_lower.setdefault(vocab.strings.add(value), []).append(item)
    elif isinstance(value, dict) and set(value) == {"IN"}:
        for v in value["IN"]:
            by_lower.setdefault(vocab.strings.add(v), []).append(item)
    else:
        lower_unfiled.append(item)


class FastAttributeRuler:
    """The model's AttributeRuler, answered once per distinct token signature.

    Matches are applied in rule order (later rules win), exactly as ``AttributeRuler`` sorts
    them; single-token rules are cached per signature and the few multi-token rules are tried
    at each position they can start.
    """

    def __init__(self, original: AttributeRuler) -> None:
        vocab = original.vocab
        # A signature is (LOWER, TAG, DEP, IS_SPACE), so nearly every new word is a new one. Tests
        # that read LOWER are filed under the LOWER value they require, and only those filed under
        # a word are tried on it; the other tests read TAG, DEP and IS_SPACE alone, few
        # combinations, so their answers are cached on those three (``_rest_profile``).
        self._by_lower: dict[int, list[tuple[int, Test]]] = {}  # single-token rules
        self._lower_unfiled: list[tuple[int, Test]] = []
        self._rest: list[tuple[int, Test]] = []
        self._multi_by_lower: dict[int, list[int]] = {}  # multi-token rules, by their first token
        self._multi_lower_unfiled: list[int] = []
        self._multi_rest: list[int] = []
        self.multi: list[tuple[int, list[Test], int]] = []
        self.rule_attrs: list[dict[int, int]] = [dict(a) for a in original.attrs]
        for rule_id, rule in enumerate(original.patterns):
            index = cast(int, rule["index"])
            for pattern in cast(list[list[dict[str, Any]]], rule["patterns"]):
                tests = [_token_test(spec, vocab) for spec in pattern]
                if len(tests) == 1 and index in (0, -1):
                    _file(pattern[0], vocab, (rule_id, tests[0]), self._by_lower, self._lower_unfiled,
                          self._rest)
                else:
                    _file(pattern[0], vocab, len(self.multi), self._multi_by_lower, self._multi_lower_unfiled,
                          self._multi_rest)
                    self.multi.append((rule_id, tests, index))
        self.set_attrs: list[int | str] = sorted({a for attrs in self.rule_attrs for a in attrs})
        self._column = {int(attr): k for k, attr in enumerate(self.set_attrs)}
        self._profiles: dict[Signature, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._rest_profiles: dict[Signature, tuple[list[int], list[int]]] = {}
        self._merged: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        signatures = [tuple(row) for row in doc.to_array(_TESTED_LIST).tolist()]
        starts = [self._profile(sig) for sig in signatures]
        extra = self._multi_matches(signatures, starts)
        rows = doc.to_array(self.set_attrs).tolist()
        for i, (rules, _) in enumerate(starts):
            if i in extra:
                rules = tuple(sorted(set(rules) | extra[i]))
            row = rows[i]
            for col, value in self._merge(rules):
                row[col] = value
        doc.from_array(self.set_attrs, cast(Any, numpy.array(rows, dtype=numpy.uint64)))
        return doc

    def _profile(self, sig: Signature) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The single-token rules ``sig`` matches, and the multi-token rules it can start."""
        known = self._profiles.get(sig)
        if known is None:
            lower = sig[_LOWER_COLUMN]
            singles, multis = self._rest_profile(sig)
            singles = singles + [r for r, test in (*self._by_lower.get(lower, ()), *self._lower_unfiled)
                                 if test(sig)]
            multis = multis + [k for k in (*self._multi_by_lower.get(lower, ()), *self._multi_lower_unfiled)
                               if self.multi[k][1][0](sig)]
            known = self._profiles[sig] = (tuple(sorted(set(singles))), tuple(sorted(set(multis))))
        return known

    def _rest_profile(self, sig: Signature) -> tuple[list[int], list[int]]:
        """What the tests that do not read LOWER say of ``sig``, cached on its other values."""
        key = sig[:_LOWER_COLUMN] + sig[_LOWER_COLUMN + 1:]
        known = self._rest_profiles.get(key)
        if known is None:
            known = self._rest_profiles[key] = (
                [r for r, test in self._rest if test(sig)],
                [k for k in self._multi_rest if self.multi[k][1][0](sig)],
            )
        return known

    def _multi_matches(self, signatures: list[Signature],
                       starts: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> dict[int, set[int]]:
        """Token index -> ids of multi-token rules whose match sets attributes on that token."""
        found: dict[int, set[int]] = {}
        n = len(signatures)
        for start, (_, candidates) in enumerate(starts):
            for k in candidates:
                rule_id, tests, index = self.multi[k]
                width = len(tests)
                if start + width <= n and all(tests[j](signatures[start + j]) for j in range(1, width)):
                    target = start + (index if index >= 0 else width + index)
                    found.setdefault(target, set()).add(rule_id)
        return found

    def _merge(self, rules: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(column, value) pairs the ``rules`` set, later rules winning as in AttributeRuler."""
        merged = self._merged.get(rules)
        if merged is None:
            values: dict[int, int] = {}
            for rule_id in rules:  # ascending
                values.update(self.rule_attrs[rule_id])
            merged = self._merged[rules] = tuple((self._column[a], v) for a, v in values.items())
        return merged


class _IndexedWords(list[str]):
    """A lemma index word list whose ``in`` is a set look-up, not a scan.

    ``Lemmatizer.rule_lemmatize`` tests each form a suffix rule makes with ``form in index``,
    and the model's indexes are lists (57,528 nouns): its cold misses cost 0.8 s per 84
    PolNeAR dev articles. The list itself is unchanged, so are spaCy's answers.
    """

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self._members = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._members


def _index_lemma_words(lemmatizer: Lemmatizer) -> None:
    """Give the rule lemmatizer's word lists set look-ups (``_IndexedWords``)."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, _IndexedWords):
            table[pos] = _IndexedWords(words)


class CachedLemmatizer:
    """The model's rule lemmatizer with every answer cached by (word, POS, morphology).

    ``Lemmatizer.rule_lemmatize`` already keys its cache on exactly these, but returns early,
    uncached, for base forms and spaces: most tokens of news copy.
    """

    def __init__(self, original: Lemmatizer) -> None:
        _index_lemma_words(original)
        self.original = original
        self.strings = original.vocab.strings
        self._lemma_of: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = bool(self.original.overwrite)
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = self._lemma_of.get(key)
            if value is None:
                value = self._lemma_of[key] = self.strings.add(self.original.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], cast(Any, lemmas.astype(numpy.uint64)))
        return doc


class _Twin:
    """Holds the fast twin of one of the model's components, which it is handed after loading."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.twin: Callable[[Doc], Doc] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.twin is None:
            raise RuntimeError(f"{self.name} was added without the model's component to copy; "
                               "use onrecord.nlp.fast_tagging.speed_up_rule_components")
        return self.twin(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("onrecord_fast_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str) -> _Twin:
    return _Twin(name)


@Language.factory("onrecord_cached_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> _Twin:
    return _Twin(name)


def speed_up_rule_components(nlp: Language) -> Language:
    """Swap the model's attribute ruler and lemmatizer for their fast twins, keeping the names.

    A pipeline without them, or with a lemmatizer in another mode, is left as it is.
    """
    if isinstance(ruler := _pipe(nlp, "attribute_ruler"), AttributeRuler):
        _swap(nlp, "attribute_ruler", "onrecord_fast_attribute_ruler", FastAttributeRuler(ruler))
    lemmatizer = _pipe(nlp, "lemmatizer")
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
        _swap(nlp, "lemmatizer", "onrecord_cached_lemmatizer", CachedLemmatizer(lemmatizer))
    return nlp


def _pipe(nlp: Language, name: str) -> object:
    return nlp.get_pipe(name) if name in nlp.pipe_names else None


def _swap(nlp: Language, name: str, factory: str, twin: Callable[[Doc], Doc]) -> None:
    """Replace the pipe ``name`` (same name, same place) by a holder of ``twin``."""
    holder = nlp.replace_pipe(name, factory)
    assert isinstance(holder, _Twin)
    holder.twin = twin
