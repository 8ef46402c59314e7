"""Keep torch out of onrecord processes that do not use it.

thinc (spaCy's machine-learning library) imports torch whenever it is installed, as it is
with the ``onrecord[accurate]`` extra: about 180 MB and a second more per process, worker
included, even in the default mode that never touches it. The ``onrecord`` command hides
torch before spaCy loads; the accurate mode shows it again before importing it itself.
Python code that imports onrecord as a library is left alone.
"""

from __future__ import annotations

import sys


def hide_from_spacy() -> None:
    """Make ``import torch`` fail until ``show`` (only if nothing has imported it yet)."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]


def show() -> None:
    """Undo ``hide_from_spacy`` so the accurate mode (and transformers) can import torch."""
    if "torch" in sys.modules and sys.modules["torch"] is None:
        del sys.modules["torch"]
