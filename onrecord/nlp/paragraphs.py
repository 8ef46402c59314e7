"""Start a new sentence after every blank line, before the parser runs.

The small English parser sometimes attaches a headline or a dateline to the next
paragraph across a blank line. News paragraphs never share a sentence, so telling the
parser where paragraphs begin (it respects preset sentence starts) keeps every later
stage's spans inside one paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after a whitespace run with 2+ line breaks."""
    after_break = False
    for token in doc:
        if token.is_space:
            if token.text.count("\n") >= 2:
                after_break = True
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n\n" in token.whitespace_ or token.whitespace_.count("\n") >= 2
    return doc


class ParagraphStarts:
    """spaCy component: ``mark_paragraph_starts`` on every Doc; place it before the parser."""

    def __call__(self, doc: Doc) -> Doc:
        return mark_paragraph_starts(doc)


@Language.factory("onrecord_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphStarts:
    """Factory for the ``onrecord_paragraphs`` component (also a spaCy entry point)."""
    return ParagraphStarts()
