"""Boilerplate lines: whole lines found, reasons named, offsets exact, text never changed."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.language import Language

from onrecord.extract import extract_article
from onrecord.extract.boilerplate import boilerplate_reason
from onrecord.ingest import RawDocument
from onrecord.nlp.boilerplate import MAX_LINE_CHARS, classify_line, find_boilerplate, make_boilerplate
from onrecord.nlp.extensions import dropped_mask, dropped_of, register_extensions
from onrecord.nlp.lexicon.boilerplate import LINE_RULES, PAGE_RULES, REASONS
from onrecord.settings import Settings

BOILERPLATE = [
    ("READ MORE: Why the river ferries stopped running", "read_more"),
    ("Read more: The long road to the harbour deal", "read_more"),
    ("ALSO READ - Five things to know about the new port", "read_more"),
    ("RELATED: Fishermen count the cost of the spring storms", "related"),
    ("Related coverage: Inside the race for the coastal seat", "related"),
    ("WATCH: Flood waters reach the old town square", "read_more"),
    ("Click here to read the full report.", "click_here"),
    ("Sign up for the Harbour Herald's evening newsletter.", "newsletter"),
    ("Get our free Morning Tide briefing, delivered to your inbox.", "newsletter"),
    ("Want the week's top stories? Subscribe now.", "newsletter"),
    ("Follow us on Instagram for more pictures from the festival.", "social_follow"),
    ("Follow Maria Lindqvist on X @mlindqvist_news", "social_follow"),
    ("Reporting by Tomas Berg in Oslo; Editing by Ann Ward", "credit_line"),
    ("(Additional reporting by Lea Novak; Writing by Per Holm)", "credit_line"),
    ("Contributing: Sam Okafor.", "credit_line"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Photo: A crane lifts a container at the east quay. (Harbour Herald/Ines Costa)", "photo_credit"),
    ("Firefighters work through the night near the depot. (Photo: Ines Costa/Northern Post)", "photo_credit"),
    ("Volunteers fill sandbags outside the school. Photograph: Ines Costa/Northern Post", "photo_credit"),
    ("A ferry leaves the terminal at dawn | AP Photo", "photo_credit"),
    ("Workers clear debris from the road. (Northern Post/Ines Costa)", "photo_credit"),
    ("FILE PHOTO: The central bank building in the capital", "photo_credit"),
    ("Divers search the harbour on Sunday. REUTERS/Ines Costa/File Photo", "photo_credit"),
    ("A boy waves a flag in the square. Image credit: Northern Post", "photo_credit"),
    ("A boy waves a flag in the square. [Photo: Ines Costa]", "photo_credit"),
    ("Like this story? Sign up for our daily briefing.", "newsletter"),
    ("To get the Harbour Herald newsletter in your inbox, sign up here.", "newsletter"),
]

PROSE = [
    "The mayor said more than 2,000 people subscribe to the council's newsletter.",
    "Read more carefully, the report says the port lost money in every quarter.",
    "Related companies in the group reported losses, the filing showed.",
    "She said the photo was taken by a passer-by and shared widely online.",
    "Police asked anyone with information to click on the force's website or call.",
    "Follow-up inspections found no further damage, the agency said.",
    "The union said it would sign up new members at the gates on Monday.",
    "Reporters were told to wait outside the building.",
    "A video credited to a local resident showed smoke rising over the hills.",
    "The ministry said the ban, which took effect in May, was working.",
    "The U.S./Mexico crossing reopened on Monday after the NATO/EU summit.",
    "Talks were held under the OSCE/UN framework",
    "He left early. NATO/EU officials stayed on",
    "More than 2,000 people signed up for the newsletter in its first week.",
]


@pytest.mark.parametrize(("line", "reason"), BOILERPLATE)
def test_boilerplate_lines_are_classified(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize("line", PROSE)
def test_prose_lines_are_kept(line: str) -> None:
    assert classify_line(line) is None


def test_long_lines_are_never_boilerplate() -> None:
    line = "READ MORE: " + "the harbour " * (MAX_LINE_CHARS // 10)
    assert len(line) > MAX_LINE_CHARS
    assert classify_line(line) is None


ARTICLE = (
    "Ferry strike enters second week\n"
    "\n"
    "BERGEN, Norway (Northern Post) — Ferry crews extended their strike on Monday, the union said.\n"
    "\n"
    "READ MORE: How the ferry network was built\n"
    "\n"
    "The operator said it had offered a new contract.\n"
    "\n"
    "  Sign up for our free weekly shipping newsletter.  \n"
    "\n"
    "Passengers queue at the quay on Monday. (Photo: Ines Costa/Northern Post)\n"
    "\n"
    "Talks are due to resume on Thursday.\n"
    "\n"
    "Reporting by Tomas Berg; Editing by Ann Ward"
)


def test_article_offsets_are_exact_and_text_unchanged() -> None:
    before = ARTICLE
    found = find_boilerplate(ARTICLE)
    assert before == ARTICLE
    assert [d.reason for d in found] == ["read_more", "newsletter", "photo_credit", "credit_line"]
    for d in found:
        assert len(d.spans) == 1
        start, end = d.spans[0]
        assert ARTICLE[start:end] == d.text
        assert d.text == d.text.strip()
    assert found[1].text == "Sign up for our free weekly shipping newsletter."


def test_crlf_lines_keep_offsets() -> None:
    text = "Title\r\n\r\nRELATED: Another story\r\n\r\nBody text here."
    (found,) = find_boilerplate(text)
    start, end = found.spans[0]
    assert text[start:end] == "RELATED: Another story"


def test_plain_article_has_no_boilerplate() -> None:
    assert find_boilerplate("Title\n\nOne paragraph.\n\nAnother paragraph, the minister said.") == []


def test_component_sets_dropped_and_mask() -> None:
    register_extensions()
    nlp = spacy.blank("en")
    component = make_boilerplate(nlp, "onrecord_boilerplate")
    doc = component(nlp(ARTICLE))
    assert [d.reason for d in dropped_of(doc)] == ["read_more", "newsletter", "photo_credit", "credit_line"]
    mask = dropped_mask(doc)
    masked = {t.text for t in doc if mask[t.i]}
    assert "READ" in masked and "newsletter" in masked
    assert not any(mask[t.i] for t in doc if t.text == "operator")


# Lines both paths leave out: an HTML page (extraction, before analysis) and a text file (the
# boilerplate stage, with offsets). One vocabulary (onrecord.nlp.lexicon.boilerplate) names them.
SHARED = [
    ("READ MORE: Dredging begins at the north quay", "read_more"),
    ("Related: Taxi licences frozen for a year", "related"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Sign up for our free morning newsletter", "newsletter"),
    ("Subscribe to our daily briefing by email", "newsletter"),
    ("Follow us on Instagram for more pictures from the festival.", "social_follow"),
    ("Cranes at the quay. Photo: Ines Barros/Coastal Ledger", "photo_credit"),
    ("Commuters wait at the stop. (Photo: Meridian Wire)", "photo_credit"),
]
PROSE_HTML = (
    "<p>The harbour authority said on Monday that the north quay would close for repairs for "
    "three weeks, after inspectors found cracks in the concrete.</p>"
    "<p>Shipping firms said they had not been warned and would divert vessels to the southern quay.</p>"
)


def test_html_and_text_give_the_same_reason_for_the_same_line() -> None:
    body = "".join(f"<p>{line}</p>" + (PROSE_HTML if i == 0 else "") for i, (line, _) in enumerate(SHARED))
    page = RawDocument(origin="page.html", data=f"<html><body><article>{body}</article></body></html>",
                       kind="html")
    from_html = {d.text: d.reason for d in extract_article(page, Settings()).dropped}
    text = "Title\n\n" + "\n\n".join(f"{line}\n\nThe quay reopened on Friday, the authority said."
                                        for line, _ in SHARED)
    from_text = {d.text: d.reason for d in find_boilerplate(text)}
    for line, reason in SHARED:
        assert from_html.get(line) == from_text.get(line) == boilerplate_reason(line) == reason, line


def test_every_reason_is_in_the_vocabulary() -> None:
    assert {reason for reason, _ in LINE_RULES + PAGE_RULES} <= set(REASONS)
    assert {boilerplate_reason(line) for line, _ in SHARED} <= set(REASONS)
    assert {reason for _, reason in BOILERPLATE} <= set(REASONS)


def test_the_html_side_imports_no_spacy() -> None:
    code = ("import sys, onrecord.extract.boilerplate, onrecord.nlp.lexicon.boilerplate; "
            "sys.exit(1 if 'spacy' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# Every sentence below is a line the boilerplate stage drops; each would yield findings as prose
# (a "says" cue, a headline-colon layout, a newsletter "minister", places, times, figures, events).
DROPPED_ONLY = (
    "READ MORE: The agency fined banks it says broke the rules\n\n"
    "Sign up for our newsletter, the minister said on Tuesday.\n\n"
    "RELATED: Rebels shelled two border posts near Nairobi last week, officials said\n\n"
    "Photo: Police officers guard the parliament in Kampala on Friday, March 7, 2025.\n\n"
    "Reporting by Jane Doe in London; Editing by Peter Kiprono\n"
)


def test_dropped_lines_yield_no_finding_in_any_stage(onrecord_nlp: Language) -> None:
    from onrecord.findings import kinds, stages
    from onrecord.nlp.extensions import findings_of

    assert {s.name for s in stages()} <= set(onrecord_nlp.pipe_names)  # every registered stage runs
    doc = onrecord_nlp(DROPPED_ONLY)
    lines = [line for line in DROPPED_ONLY.splitlines() if line]
    assert [d.text for d in dropped_of(doc)] == lines
    assert {kind.name: findings_of(doc, kind) for kind in kinds()} == {kind.name: [] for kind in kinds()}


def test_prose_between_dropped_lines_keeps_its_findings(onrecord_nlp: Language) -> None:
    from onrecord.nlp.extensions import attributions_of, sources_of

    text = ("READ MORE: The agency fined banks it says broke the rules\n\n"
            "The harbour will close for repairs, the port authority said on Monday.\n\n"
            "Sign up for our newsletter, the minister said.\n")
    doc = onrecord_nlp(text)
    assert [a.source.text for a in attributions_of(doc) if a.source] == ["the port authority"]
    assert [text[s:e] for src in sources_of(doc) for s, e in src.mentions] == ["the port authority"]
