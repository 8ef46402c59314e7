"""Run a child process to which file modes apply, without switching users.

Root ignores file modes (CAP_DAC_OVERRIDE), so a test of a read-only file or folder must drop
that. Switching to ``nobody`` did, but ``nobody`` cannot read a checkout in a private (0700)
folder, so the child could not import onrecord there (issue 14). Instead the child stays the
same user and loses only the capabilities that override file modes: it can still read the
checkout its parent reads, and a 0444 file or 0555 folder is read-only to it.
"""

from __future__ import annotations

import os
import shutil

import pytest

# CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH bypass file modes; CAP_FOWNER would let the owner
# (root) chmod the file back. Dropped from the bounding set, an exec'd root process lacks them.
_DROPPED = "-dac_override,-dac_read_search,-fowner"


def file_modes_apply() -> list[str]:
    """A command prefix under which the child obeys file modes: nothing for an ordinary user,
    ``setpriv`` (util-linux) dropping the overriding capabilities for root."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
    return ["setpriv", f"--bounding-set={_DROPPED}", "--inh-caps=-all", "--"]
