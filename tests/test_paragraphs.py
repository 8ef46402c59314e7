"""Paragraph starts: a blank line always starts a sentence, a single line break does not."""

from __future__ import annotations

import spacy

from onrecord.nlp.paragraphs import mark_paragraph_starts


def _starts(text: str) -> list[str]:
    doc = mark_paragraph_starts(spacy.blank("en").make_doc(text))
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


def test_blank_line_starts_a_sentence() -> None:
    assert _starts("Port reopens\n\nThe minister said so.") == ["The"]
    assert _starts("One.\r\n\r\nTwo said.") == ["Two"]
    assert _starts("One.\n \n  Two said.") == ["Two"]


def test_single_line_break_and_plain_space_do_not() -> None:
    assert _starts("a wrapped\nline of text") == []
    assert _starts("no breaks at all here") == []
