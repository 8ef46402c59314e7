"""Web analyses in killable worker processes (``web_analysis_isolation = "process"``, issue 14 §2).

A real server on loopback (uvicorn in a thread, so the test can see the app's workers). What
onrecord promises (docs/web.md): an abandoned analysis's worker is killed after its 504 and the
slot comes free once it is dead, while a fresh worker takes its place; an analysis over
``web_analysis_memory_mb`` is a clear 413 in the error shape; and the server goes on serving.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from test_web_cancel import running
from test_web_limits import assert_error
from web_server import fixture_store

from onrecord.errors import ConfigError
from onrecord.settings import Settings
from onrecord.web.app import create_app
from onrecord.web.security import AnalysisLimits
from onrecord.web.workers import AnalysisWorkers

SHORT_TEXT = '"We will not raise taxes this year," Finance Minister Maria Lopez said on Tuesday.'
SENTENCES = [
    '"The bridge will reopen in spring," Transport Minister Anna Berg told reporters on Monday.',
    "The council said the repairs would cost about 40 million euros, according to a spokesman.",
    "Residents, who asked not to be named, said they had waited for the work since 2019.",
]


def long_text(chars: int) -> str:
    """Varied English prose of about ``chars`` characters (many sentences, many entities)."""
    out: list[str] = []
    size, n = 0, 0
    while size < chars:
        sentence = SENTENCES[n % len(SENTENCES)].replace("2019", str(1900 + n % 120))
        out.append(sentence)
        size += len(sentence) + 1
        n += 1
    return " ".join(out)


def workers_of(app: FastAPI) -> AnalysisWorkers:
    """The app's analysis workers (process mode)."""
    workers = app.state.analysis_limits.workers
    assert isinstance(workers, AnalysisWorkers)
    return workers


def warm_up(client: httpx.Client) -> None:
    """Wait until the worker has loaded its model and answers (a 504 meanwhile does not kill a
    worker that is still loading: nothing was sent to it)."""
    deadline = time.monotonic() + 90
    while (response := client.post("/api/analyze", json={"text": SHORT_TEXT})).status_code in (503, 504):
        assert time.monotonic() < deadline, "the worker never became ready"
        time.sleep(0.2)
    assert response.status_code == 200, response.text


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_isolation_settings_are_checked() -> None:
    assert AnalysisLimits.from_settings(Settings()).workers is not None  # process mode by default
    assert AnalysisLimits.from_settings(Settings(web_analysis_isolation="thread")).workers is None
    with pytest.raises(ConfigError, match="web_analysis_isolation"):
        AnalysisLimits.from_settings(Settings(web_analysis_isolation="fiber"))
    with pytest.raises(ConfigError, match="web_analysis_memory_mb"):
        AnalysisLimits.from_settings(Settings(web_analysis_memory_mb=100))


@pytest.mark.model
@pytest.mark.slow
def test_an_abandoned_analysis_is_killed_and_frees_its_slot(tmp_path: Path) -> None:
    settings = Settings(web_analyze_timeout=3.0, web_analyze_concurrency=1)
    app = create_app(fixture_store(tmp_path / "web.db"), settings=settings)
    with running(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        workers = workers_of(app)
        warm_up(client)
        (first,) = workers.pids()
        assert client.post("/api/analyze", json={"text": SHORT_TEXT}).status_code == 200  # warm: no reload
        assert workers.pids() == [first]
        # about 150,000 characters: tens of seconds of spaCy, far past the 3 s limit
        assert_error(client.post("/api/analyze", json={"text": long_text(150_000)}), 504, "timeout")
        abandoned_at = time.monotonic()
        deadline = abandoned_at + 60  # generous: a fresh worker loads the model first (about 2-5 s)
        while (response := client.post("/api/analyze", json={"text": SHORT_TEXT})).status_code in (503, 504):
            assert time.monotonic() < deadline, "the slot never came free"
            time.sleep(0.2)
        assert response.status_code == 200, response.text
        assert response.json()["attributions"]
        assert not is_running(first)  # the abandoned analysis was killed, not left to finish
        (fresh,) = workers.pids()
        assert fresh != first
    assert not is_running(fresh)  # the server's shutdown kills its workers


@pytest.mark.model
@pytest.mark.slow
def test_an_analysis_over_the_memory_cap_is_a_clear_error_and_the_server_goes_on(tmp_path: Path) -> None:
    # the model alone takes about 800 MB of address space; a 60,000-character text needs more than 1,000
    settings = Settings(web_analyze_timeout=120.0, web_analyze_concurrency=1, web_analysis_memory_mb=1000)
    app = create_app(fixture_store(tmp_path / "web.db"), settings=settings)
    with running(app) as base, httpx.Client(base_url=base, timeout=180) as client:
        warm_up(client)
        too_big = client.post("/api/analyze", json={"text": long_text(60_000)})
        error = assert_error(too_big, 413, "out_of_memory")
        assert "web_analysis_memory_mb" in error["message"] and "shorter text" in error["message"]
        page = client.post("/analyze", data={"text": long_text(60_000)}, headers={"accept": "text/html"})
        assert page.status_code == 413 and "web_analysis_memory_mb" in page.text, page.text[-1500:]
        for _ in range(2):  # a fresh worker answers, and stays warm
            response = client.post("/api/analyze", json={"text": SHORT_TEXT})
            assert response.status_code == 200, response.text
        assert client.get("/api/articles").status_code == 200
