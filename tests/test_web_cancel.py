"""An abandoned analysis stops soon after its 504 and frees its slot (issue 14 §2).

A real server on loopback (uvicorn in a thread, so that the test can add stages to the
pipeline it runs): a gate stage holds one analysis until the test opens it, after its 504; a
last stage notes every text that reaches the end of the pipeline. The abandoned analysis must
stop at the next component boundary (it never reaches the last stage), and its slot must come
free once it has stopped, not earlier.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from spacy.language import Language
from spacy.tokens import Doc
from test_web_limits import assert_error
from web_server import fixture_store, free_port

from onrecord.findings import Stage, stage_added
from onrecord.nlp.component import StageComponent
from onrecord.nlp.model import reset_caches
from onrecord.pipeline import nlp_for
from onrecord.settings import Settings
from onrecord.web.app import create_app

pytestmark = [pytest.mark.model, pytest.mark.slow]

SHORT_TEXT = '"We will not raise taxes this year," Finance Minister Maria Lopez said on Tuesday.'
GATED_TEXT = SHORT_TEXT + " Gatekeeper Anna Berg said the gate was closed."
MARK = "Gatekeeper"


class Gate:
    """Holds a Doc that holds MARK until the test opens it (or 60 s pass)."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.open = threading.Event()

    def find(self, doc: Doc) -> None:
        if MARK in doc.text:
            self.arrived.set()
            self.open.wait(60)


GATE = Gate()
REACHED_THE_END: list[str] = []


@Language.factory("onrecord_test_gate")
def make_gate(nlp: Language, name: str) -> StageComponent[None]:
    return StageComponent(name, GATE.find, lambda doc, found: None)


@Language.factory("onrecord_test_last")
def make_last(nlp: Language, name: str) -> StageComponent[None]:
    return StageComponent(name, lambda doc: REACHED_THE_END.append(doc.text), lambda doc, found: None)


@contextlib.contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` on a free loopback port until the block ends; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="test-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def test_an_abandoned_analysis_stops_at_the_next_stage_and_then_frees_its_slot(tmp_path: Path) -> None:
    # thread mode: the test's stages live in this process (process mode: test_web_isolation.py)
    settings = Settings(web_analyze_timeout=5.0, web_analyze_concurrency=1, web_analysis_isolation="thread")
    db = fixture_store(tmp_path / "web.db")
    gate, last = Stage("onrecord_test_gate", f"{__name__}:make_gate"), Stage(
        "onrecord_test_last", f"{__name__}:make_last")
    with stage_added(gate, after="onrecord_boilerplate"), stage_added(last):
        reset_caches()
        try:
            nlp_for(settings)  # loaded before the clock runs
            with running(create_app(db, settings=settings)) as base, \
                    httpx.Client(base_url=base, timeout=120) as client:
                assert_error(client.post("/api/analyze", json={"text": GATED_TEXT}), 504, "timeout")
                assert GATE.arrived.is_set()
                # the abandoned analysis still runs (held at the gate): its slot is not free yet
                assert_error(client.post("/api/analyze", json={"text": SHORT_TEXT}), 503, "busy")
                GATE.open.set()  # it goes on, and stops at the next component boundary
                deadline = time.monotonic() + 60
                while (response := client.post("/api/analyze", json={"text": SHORT_TEXT})).status_code == 503:
                    assert time.monotonic() < deadline, "the slot never came free"
                    time.sleep(0.1)
                assert response.status_code == 200, response.text
        finally:
            GATE.open.set()
            reset_caches()
    assert SHORT_TEXT in REACHED_THE_END  # the last stage runs on analyses that are waited for
    assert not [text for text in REACHED_THE_END if MARK in text]  # but the abandoned one stopped
