"""Start a new sentence after every blank line, before the parser runs.

The small English parser sometimes attaches a headline or a dateline to the next
paragraph across a blank line. News paragraphs never share a sentence, so telling the
parser where paragraphs begin (it respects preset sentence starts) keeps every later
stage's spans inside one paragraph.
"""

from __future__ import annotations

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.nlp.extensions import text_of, words_of


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after a whitespace run with 2+ line breaks.

    Reads the token texts and offsets as columns (a Python Token per position would cost more
    than the rule) and touches only the tokens it marks.
    """
    words = words_of(doc)
    text = text_of(doc)
    starts = doc.to_array(IDX).tolist() if len(doc) else []
    n = len(words)
    after_break = False
    for i, word in enumerate(words):
        if word.isspace():
            if word.count("\n") >= 2:
                after_break = True
            continue
        if after_break and i > 0:
            doc[i].is_sent_start = True
        end = starts[i] + len(word)
        trailing = text[end:starts[i + 1]] if i + 1 < n else text[end:]  # the token's whitespace_
        after_break = "\n\n" in trailing or trailing.count("\n") >= 2
    return doc


class ParagraphStarts:
    """spaCy component: ``mark_paragraph_starts`` on every Doc; place it before the parser."""

    def __call__(self, doc: Doc) -> Doc:
        return mark_paragraph_starts(doc)


@Language.factory("onrecord_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphStarts:
    """Factory for the ``onrecord_paragraphs`` component (also a spaCy entry point)."""
    return ParagraphStarts()
