"""A plain text's first line becomes its title when it reads like a headline (the text unchanged)."""

from __future__ import annotations

import pytest

from onrecord.extract.headline import headline_of
from onrecord.ingest import RawDocument
from onrecord.pipeline import prepare
from onrecord.settings import Settings


@pytest.mark.parametrize(("text", "title"), [
    ("Ferry service to resume after storm, operator says\n\nHALDEN, Norway — Ferries will run.",
     "Ferry service to resume after storm, operator says"),
    ("Coast guard chief: joint patrols with Peru ‘weeks away’\r\n\r\nQUITO, Ecuador — Talks went on.",
     "Coast guard chief: joint patrols with Peru ‘weeks away’"),
    ("\n  Fire kills 12 in Lagos market  \n\nLAGOS — A fire swept through a market.",
     "Fire kills 12 in Lagos market"),
    # not headlines: a sentence, a dateline, a byline, a lone line, no blank line after, two words
    ("The minister said on Monday that the bridge would reopen.\n\nMore text.", None),
    ("LONDON (Meridian Wire) - The dollar rose on Tuesday\n\nMore text.", None),
    ("By Jane Doe and Ali Khan\n\nLONDON — Text.", None),
    ("A single line with no body", None),
    ("Dollar rises on rate bets\nas traders pare cuts\n\nMore.", None),
    ("Headline here\n\nBody.", None),
])
def test_headline_of(text: str, title: str | None) -> None:
    assert headline_of(text) == title


def test_a_plain_text_gets_its_title_and_keeps_its_text() -> None:
    text = ("Ferry service to resume after storm, operator says\n\n"
            "Ferries will run on Friday, the operator said.\n")
    _, article = prepare(RawDocument(origin="a.txt", data=text, kind="text"), Settings(check_language=False))
    assert (article.title, article.text) == ("Ferry service to resume after storm, operator says", text)
