"""Pages libxml2 can only parse in part are skipped with ParseResourceLimit, never half-stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import ExtractError, ParseResourceLimit
from onrecord.extract.limits import check_parse_limits
from onrecord.extract.text import extract_article
from onrecord.ingest.document import RawDocument
from onrecord.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "html"
STORY = "<p>The minister said on Friday that the harbour talks would resume next week in Geneva.</p>"


def _nested(depth: int) -> str:
    return (
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + STORY
        + "</div>" * depth
        + STORY.replace("Friday", "Monday")
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 10_000])
def test_deep_nesting_is_a_resource_limit(depth: int) -> None:
    with pytest.raises(ParseResourceLimit, match="Excessive depth") as info:
        check_parse_limits(_nested(depth), "'deep.html'")
    assert info.value.code == "parse_resource_limit"
    assert isinstance(info.value, ExtractError)


def test_extract_article_skips_the_page() -> None:
    raw = RawDocument(origin="deep.html", data=_nested(1000), kind="html")
    with pytest.raises(ParseResourceLimit, match="Skipped 'deep.html': the HTML parser stopped part-way"):
        extract_article(raw, Settings())


def test_huge_text_node_is_a_resource_limit() -> None:
    page = "<html><body><p>" + "word " * 2_200_000 + "</p>" + STORY + "</body></html>"
    with pytest.raises(ParseResourceLimit):
        check_parse_limits(page, "'huge.html'")


def test_moderate_nesting_passes() -> None:
    check_parse_limits(_nested(200), "'ok.html'")


def test_xml_declared_page_is_checked_too() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + _nested(400)
    with pytest.raises(ParseResourceLimit):
        check_parse_limits(page, "'x.html'")


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_fixture_pages_are_not_flagged(path: Path) -> None:
    check_parse_limits(path.read_text(encoding="utf-8"), f"'{path.name}'")


@pytest.mark.parametrize("page", ["", "   ", "<p>broken <b>markup</p></i>", "plain words"])
def test_ordinary_oddities_are_not_flagged(page: str) -> None:
    check_parse_limits(page, "'odd.html'")
