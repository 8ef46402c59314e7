"""Open input files safely: regular files only, read up to a byte cap.

A path named like an article can be a device (``/dev/zero`` never ends, and its size is 0, so a
size check made before reading lets it through), a FIFO (opening it for reading waits for a
writer forever) or a socket. The file is opened without blocking, the *opened* descriptor is
checked (so a path swapped after a stat is checked too), and at most the cap + 1 bytes are read
(so a file that grows after the check is bounded the same way).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from onrecord.errors import IngestError, LinkOutside, NotRegularFile
from onrecord.ingest.decode import check_size

_KINDS = (
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"),
)


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading bytes.

    Raises:
        NotRegularFile: a device, FIFO, socket or directory (a skip in a batch).
        IngestError: the file cannot be opened.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise IngestError(
            f"Cannot read '{path}': {exc.strerror or exc}. Check the path and its permissions."
        ) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = next((name for test, name in _KINDS if test(mode)), "not a file")
            raise NotRegularFile(
                f"Cannot read '{path}': it is {what}, not a regular file. onrecord reads regular "
                "files only; save the text to a file, or pipe it to '-' (standard input)."
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes`` bytes.

    Raises:
        NotRegularFile: not a regular file.
        InputTooLarge: above ``max_bytes`` (by its size, or by what could be read).
        IngestError: the file cannot be read.
    """
    with open_regular(path) as handle:
        try:
            check_size(os.fstat(handle.fileno()).st_size, str(path), max_bytes)
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise IngestError(
                f"Cannot read '{path}': {exc.strerror or exc}. Check the path and its permissions."
            ) from exc
    check_size(len(data), str(path), max_bytes, exact=False)
    return data


def link_outside(path: Path, root: Path) -> LinkOutside | None:
    """The skip for a file in folder ``root`` that is a symlink to somewhere outside it, else None.

    A folder of articles may hold a link to ``/etc/passwd`` or a device; links that stay inside
    the folder are followed, others only with ``--follow-links`` (the caller decides).
    """
    real = Path(os.path.realpath(path))
    if real.is_relative_to(os.path.realpath(root)):
        return None
    return LinkOutside(
        f"Skipped '{path}': it is a symlink to '{real}', outside the folder '{root}'. "
        "Pass --follow-links (or set follow_links) to read links that leave the folder."
    )
