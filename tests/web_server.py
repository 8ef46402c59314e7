"""A real ``onrecord serve`` for the web tests: a store filled with our own invented articles,
and the server started as a subprocess on a free port (imported by test_web_*.py).

    db = fixture_store(tmp_path / "web.db")          # or a postgresql://… URL
    with serve(db) as base:                          # "http://127.0.0.1:PORT"
        httpx.get(base + "/api/articles")
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
from test_store_records import Quote, make_record

from onrecord.records import ArticleRecord
from onrecord.store import Store

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0  # seconds for the subprocess to answer (imports, opening the store)


def fixture_records() -> list[ArticleRecord]:
    """Five invented articles over two outlets and two months, with named and anonymous sources,
    a hedge and a non-response, so every list endpoint and filter has something to return."""
    minister = Quote("Maria Lopez", "We will not raise the tax this year")
    adviser = Quote("a senior adviser", "The plan is already dead", identity="anonymous", hedge="reportedly",
                    role="other")
    union = Quote("John Smith", "Workers deserve a fair deal on pay", role="spokesperson")
    return [
        make_record("web-1", quotes=[minister, adviser], non_responses=["The ministry"],
                    url="https://news.example.com/2025/09/tax", outlet="news.example.com",
                    published="2025-09-12", title="Tax plan stalls after late-night talks",
                    body="Budget talks went on late into the night."),
        make_record("web-2", quotes=[union], url="https://news.example.com/2025/09/strike",
                    outlet="news.example.com", published="2025-09-20", title="Rail strike called off",
                    body="The rail strike planned for Monday was called off."),
        make_record("web-3", quotes=[minister, union], url="https://daily.example.org/2025/08/pay",
                    outlet="daily.example.org", published="2025-08-03", title="Pay talks resume",
                    body="Pay talks between the ministry and the union resumed."),
        make_record("web-4", quotes=[adviser], non_responses=["The union"],
                    url="https://daily.example.org/2025/08/budget", outlet="daily.example.org",
                    published="2025-08-28", title="Budget doubts grow",
                    body="Doubts about the budget grew in parliament."),
        make_record("web-5", url="https://daily.example.org/2025/09/weather", outlet="daily.example.org",
                    published="2025-09-01", title="A quiet weekend ahead",
                    body="Forecasters expect calm weather."),
    ]


def fixture_store(db: str | Path, records: Sequence[ArticleRecord] | None = None) -> str:
    """Create (migrate) the store at ``db`` and store ``records`` (default: ``fixture_records()``)
    in one finished run; return ``db`` as a string for ``--db``."""
    target = str(db)
    with Store.open(target) as store:
        store.migrate()
        run = store.start_run("ingest", ["web-fixtures"], {"min_confidence": 0.5})
        for record in records if records is not None else fixture_records():
            store.store_record(record, run_id=run, input_key=record.id)
        store.finish_run(run, "ok")
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(db: str | Path, *, allow_store: bool = False, args: Sequence[str] = ()) -> Iterator[str]:
    """Run ``onrecord serve --db DB`` on a free port until the block ends; yield its base URL.

    Fails (with the server's output) if it does not answer ``/openapi.json`` within START_TIMEOUT.
    """
    port = free_port()
    cmd = [sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--host", "127.0.0.1",
           "--port", str(port), *(["--allow-store"] if allow_store else []), *args]
    log = Path(tempfile.gettempdir()) / f"onrecord-serve-{uuid.uuid4().hex[:8]}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                output = log.read_text(errors="replace")
                raise RuntimeError(f"onrecord serve exited with {proc.returncode}:\n{output}")
            try:
                if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"onrecord serve did not answer within {START_TIMEOUT}s:\n"
                                   f"{log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.unlink(missing_ok=True)
