"""Server-side highlighting: escaped, well-formed, every character once and in order."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from markupsafe import Markup

from onrecord.records import ArticleRecord
from onrecord.web.highlight import Mark, highlight, record_html, snippet_html

if TYPE_CHECKING:
    from spacy.language import Language

PAYLOAD = '"<script>alert(1)</script>," said <b>Eve</b> Jones. <img src=x onerror=alert(1)> & \'x\''


def plain(markup: str) -> str:
    """Strip tags and unescape: what a reader sees."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()


def tags_of(markup: str) -> list[str]:
    p = _Tags()
    p.feed(markup)
    p.close()
    assert not p.stack, "unclosed tags"
    return p.tags


def test_payloads_come_out_escaped() -> None:
    marks = [Mark(1, 26, "content", (("data-source", 'S1"><script>x</script>'),)), Mark(34, 50, "source")]
    out = highlight(PAYLOAD, marks)
    assert isinstance(out, Markup)
    assert set(tags_of(out)) == {"span"}
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert 'data-source="S1&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in out
    assert plain(out) == PAYLOAD


def test_no_marks_is_just_escaped_text() -> None:
    assert highlight(PAYLOAD, []) == str(Markup.escape(PAYLOAD))
    assert highlight("", [Mark(0, 5, "cue")]) == ""


@pytest.mark.parametrize("marks", [
    [Mark(0, 10, "content"), Mark(5, 20, "source")],            # overlap
    [Mark(0, len(PAYLOAD), "content"), Mark(34, 50, "source"), Mark(29, 33, "cue")],  # nested
    [Mark(0, 1, "cue"), Mark(len(PAYLOAD) - 1, len(PAYLOAD), "cue")],  # both ends of the text
    [Mark(-5, 3, "source"), Mark(len(PAYLOAD) - 2, len(PAYLOAD) + 40, "content")],  # out of range: clamped
    [Mark(3, 3, "cue"), Mark(9, 4, "cue")],                      # empty and reversed: ignored
    [Mark(2, 30, "dropped"), Mark(2, 30, "content"), Mark(2, 30, "nonresp"), Mark(10, 12, "hedge")],
])
def test_every_character_once_in_order_and_well_formed(marks: list[Mark]) -> None:
    out = highlight(PAYLOAD, marks)
    tags_of(out)
    assert plain(out) == PAYLOAD


def test_overlap_wraps_the_shared_part_in_both() -> None:
    out = highlight("abcdefghij", [Mark(0, 6, "content"), Mark(4, 10, "source")])
    assert out == ('<span class="hl hl-content hl-start">abcd</span>'
                   '<span class="hl hl-content"><span class="hl hl-source hl-start">ef</span></span>'
                   '<span class="hl hl-source">ghij</span>')


def test_offsets_at_text_ends() -> None:
    out = highlight("said", [Mark(0, 4, "cue")])
    assert out == '<span class="hl hl-cue hl-start">said</span>'


def test_bad_kind_or_attribute_name_is_refused() -> None:
    with pytest.raises(ValueError):
        highlight("x", [Mark(0, 1, "script")])
    with pytest.raises(ValueError):
        highlight("x", [Mark(0, 1, "cue", (("onclick", "alert(1)"),))])


def test_record_html_marks_everything() -> None:
    text = ('"<script>alert(1)</script>," said <b>Eve</b> Jones, who may resign. '
            'Bank declined to comment.\nREAD MORE')
    record = ArticleRecord.from_dict({
        "id": "X1", "text": text, "provenance": {},
        "attributions": [{
            "id": "A1", "kind": "direct", "mode": "statement",
            "cue": {"text": "said", "spans": [[29, 33]]},
            "source": {"text": "<b>Eve</b> Jones", "spans": [[34, 50]]},
            "content": {"text": "...", "spans": [[0, 28], [55, 67]]},
            "source_id": "S1", "hedges": ["may"],
        }],
        "sources": [{"id": "S1", "name": "<b>Eve</b> Jones", "identity": "named", "type": "person",
                     "role": "other", "mentions": [[34, 50], [51, 54]]}],
        "non_responses": [{"kind": "declined_to_comment", "text": "Bank declined to comment",
                           "spans": [[69, 93]]}],
        "dropped": [{"text": "READ MORE", "reason": "boilerplate", "spans": [[95, 104]]}],
    })
    out = record_html(record)
    tags_of(out)
    assert plain(out) == text
    for kind in ("content", "cue", "source", "hedge", "nonresp", "dropped"):
        assert f"hl-{kind}" in out
    assert out.count('data-source="S1"') >= 4
    assert "<b>" not in out and "<script" not in out
    assert 'title="Source: &lt;b&gt;Eve&lt;/b&gt; Jones"' in out


def test_snippet_marks() -> None:
    assert snippet_html("a [b] <i>c</i>") == "a <mark>b</mark> &lt;i&gt;c&lt;/i&gt;"
    assert snippet_html("x ] [y") == "x ] <mark>y</mark>"
    assert snippet_html(None) == ""
    out = snippet_html("[<script>alert(1)</script>]")
    assert out == "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>"


def test_event_marks_carry_status_and_who_says_so() -> None:
    text = "Officials said rebels shelled the port. Workers will strike on Monday."
    record = ArticleRecord.from_dict({
        "id": "E", "text": text, "provenance": {},
        "attributions": [{"id": "A1", "kind": "indirect", "mode": "statement",
                          "cue": {"text": "said", "spans": [[10, 14]]},
                          "source": {"text": "Officials", "spans": [[0, 9]]},
                          "content": {"text": "rebels shelled the port", "spans": [[15, 38]]},
                          "source_id": "S1"}],
        "sources": [{"id": "S1", "name": None, "description": "Officials", "identity": "anonymous",
                     "type": "person", "role": "official", "mentions": [[0, 9]]}],
        "events": [
            {"id": "E1", "event_type": "ASSAULT", "mode": None, "status": "asserted",
             "trigger": {"text": "shelled", "spans": [[22, 29]]}, "actor": None, "target": None,
             "attribution_id": "A1"},
            {"id": "E2", "event_type": "PROTEST", "mode": "strike", "status": "future",
             "trigger": {"text": "strike", "spans": [[53, 59]]}, "actor": None, "target": None},
        ],
    })
    out = str(record_html(record))
    assert plain(out) == text
    assert 'class="hl hl-event hl-start" data-status="asserted" data-attr="A1" data-source="S1"' in out
    assert "Event: ASSAULT, reported as done; said by Officials" in out
    assert 'data-status="future"' in out and "planned or threatened; in the reporter&#39;s own words" in out


# --- the one-sweep highlighter, capped x-rays (issue 14) -------------------------------------


def _reference_highlight(text: str, marks: list[Mark]) -> str:
    """The first highlighter, kept as the reference: for every piece, test every mark (quadratic).
    The sweep must give the same bytes."""
    from itertools import pairwise

    from onrecord.web.highlight import _open, layers

    order = {layer.name: i for i, layer in enumerate(layers())}
    n = len(text)
    kept = [Mark(max(0, min(n, m.start)), max(0, min(n, m.end)), m.kind, m.data, m.title) for m in marks]
    kept = [m for m in kept if m.end > m.start]
    bounds = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    kept.sort(key=lambda m: (order[m.kind], m.start, -m.end))
    out = []
    for a, b in pairwise(bounds):
        active = [m for m in kept if m.start <= a and m.end >= b]
        out.append("".join(_open(m, first=m.start == a) for m in active) + str(Markup.escape(text[a:b]))
                   + "</span>" * len(active))
    return "".join(out)


@pytest.mark.parametrize("seed", range(20))
def test_the_sweep_gives_the_same_bytes_as_the_reference(seed: int) -> None:
    import random

    rng = random.Random(seed)
    text = PAYLOAD * 3
    kinds = ["content", "source", "cue", "hedge", "nonresp", "dropped", "event"]
    marks = []
    for i in range(rng.randint(0, 60)):
        s = rng.randint(-5, len(text) + 5)
        e = s + rng.randint(-3, 40)
        data = ((("data-attr", f"A{i % 7}"),) if rng.random() < 0.5 else ())
        marks.append(Mark(s, e, rng.choice(kinds), data, rng.choice([None, f"t{i}", "<b>"])))
    marks += marks[: rng.randint(0, 5)]  # exact duplicates keep their given order
    assert str(highlight(text, marks)) == _reference_highlight(text, marks)


def _crowded(n: int) -> ArticleRecord:
    from test_store_records import Quote, make_record

    return make_record("crowded", quotes=[Quote(f"Person {i}", f"Statement number {i}") for i in range(n)])


def test_an_x_ray_of_10000_statements_draws_only_its_first_highlights() -> None:
    from onrecord.web.highlight import MAX_XRAY_MARKS, xray_html

    record = _crowded(10_000)
    out, capped = xray_html(record)
    assert capped is not None and capped.total == 30_000  # content, cue and source of each statement
    assert capped.shown <= MAX_XRAY_MARKS and out.count("hl-start") == capped.shown
    assert plain(out) == record.text  # the whole text is there; only the highlights stop
    tail = str(Markup.escape(record.text[capped.until:]))
    assert out.endswith(tail)  # after the cut, the text is unmarked
    normal = _crowded(20)
    assert xray_html(normal) == (record_html(normal), None)  # an ordinary article is drawn as before


@pytest.mark.model
def test_a_reporter_voice_hedge_is_marked_in_the_x_ray(onrecord_nlp: Language) -> None:
    """Issue 15: "The port has reportedly lost business" is a statement with no source, hedged."""
    from onrecord.nlp.extensions import attributions_of

    text = "Trade at the quay fell again.\n\nThe port has reportedly lost business to its rivals."
    atts = attributions_of(onrecord_nlp(text))
    assert [(a.cue.text, a.source, a.hedges) for a in atts] == [("reportedly", None, ("reportedly",))]
    record = ArticleRecord.from_dict({"id": "X2", "text": text, "provenance": {},
                                      "attributions": [a.to_dict() for a in atts]})
    out = record_html(record)
    assert plain(out) == text
    cue = re.search(r'<[^>]*hl-cue[^>]*>([^<]*)<', out)
    assert cue is not None and cue.group(1) == "reportedly"
    assert "hl-content" in out
