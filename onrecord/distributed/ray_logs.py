"""Ray's own log lines, kept off an ``onrecord ingest --engine ray`` user's terminal.

A plain run prints, before any onrecord output: a token-authentication notice, a C++ caveat
about actor restarts (ray-project/ray#53727), "Progress bars disabled", and the dataset's
execution plan and timing. None of them is for the user of ``onrecord ingest``, who gets
onrecord's own progress and summary instead, as with the local engine. With ``-v`` (onrecord's
log level INFO or lower) Ray speaks as usual. Ray's logs still go to its session folder
(``/tmp/ray/session_*/logs``). One line stays: the restart caveat comes from Ray's C++ core,
which no Python logger reaches (its level is an environment variable that announces itself
with a line of its own), and turning actor restarts off to avoid it goes through an argument
Ray Data has deprecated.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Ray's loggers (Python side); "ray.data" configures its own handlers, so it is named too.
RAY_LOGGERS = ("ray", "ray.data")


def ray_is_quiet() -> bool:
    """Quiet unless onrecord's own logging asks for INFO (``onrecord -v``)."""
    return logging.getLogger("onrecord").getEffectiveLevel() > logging.INFO


def init_options() -> dict[str, Any]:
    """Extra ``ray.init`` arguments for a quiet start (empty when Ray may speak)."""
    if not ray_is_quiet():
        return {}
    return {"logging_level": logging.ERROR, "log_to_driver": False}


@contextmanager
def quiet_ray_logs(context: Any) -> Iterator[None]:
    """Silence Ray's Python loggers and Ray Data's console chatter for one run, then restore them.

    ``context`` is Ray Data's DataContext: no progress bars (onrecord draws its own), no
    "execution started" lines, no automatic stats.
    """
    if not ray_is_quiet():
        yield
        return
    loggers = [logging.getLogger(name) for name in RAY_LOGGERS]
    levels = [lg.level for lg in loggers]
    attrs = ("enable_progress_bars", "print_on_execution_start", "enable_auto_log_stats")
    saved = {a: getattr(context, a) for a in attrs if hasattr(context, a)}
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    for attr in saved:
        setattr(context, attr, False)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
        for attr, value in saved.items():
            setattr(context, attr, value)
