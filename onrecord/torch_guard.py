"""Keep torch out of onrecord processes that do not use it.

thinc (spaCy's machine-learning library) imports torch whenever it is installed, as it is in
a development environment (training the accurate mode's transformer needs it): about 180 MB
and a second more per process, worker included, though no onrecord command uses torch (the
accurate mode runs in ONNX Runtime). The ``onrecord`` command hides torch before spaCy
loads. Python code that imports onrecord as a library is left alone.
"""

from __future__ import annotations

import sys


def hide_from_spacy() -> None:
    """Make ``import torch`` fail in this process (only if nothing has imported it yet)."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]
