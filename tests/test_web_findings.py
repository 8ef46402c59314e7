"""The findings page (/findings/{kind}): a kind's filters, who says so, and the report timeline."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_store_findings import TALLIES, _record

from onrecord.findings import Stage, stage_added
from onrecord.store import Store
from onrecord.web.app import create_app
from onrecord.web.charts import timeline_chart


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = str(tmp_path / "w.db")
    kind = dataclasses.replace(TALLIES, timeline="unit")
    with stage_added(Stage("onrecord_test_tallies", "tests:none", kind)):
        with Store.open(db) as store:
            store.migrate()
            store.store_record(_record("a1", "2025-03-01"), input_key="a1")
            store.store_record(_record("a2", "2025-03-05"), input_key="a2")
        with TestClient(create_app(db), base_url="http://127.0.0.1") as c:  # an allowed host
            yield c


def test_page_lists_filters_and_draws_the_timeline(client: TestClient) -> None:
    page = client.get("/findings/tallies", params={"unit": "bus"})
    assert page.status_code == 200
    html = page.text
    assert html.count("40 buses</a>") == 2 and "300 trucks</a>" not in html
    assert 'name="unit" value="bus"' in html  # the filter keeps its value
    assert "<h1>Tallies: reports</h1>" in html and "is five reports here" in html
    assert html.count("<circle") >= 2 and "2025-03-01" in html  # one dot per report, dated axis
    assert 'href="/findings/tallies"' in html  # in the navigation
    assert "the reporter" in html  # no attribution: the reporter's own voice


def test_unknown_kind_and_bad_dates_are_error_pages(client: TestClient) -> None:
    assert client.get("/findings/nothing").status_code == 404
    bad = client.get("/findings/tallies", params={"since": "March"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text


def test_timeline_marks_status_and_anonymous_sources() -> None:
    rows: list[dict[str, Any]] = [{"published": "2025-03-01", "label": "<b>shelled</b>", "status": "asserted",
             "event_type": "ASSAULT", "said_by_identity": "anonymous", "outlet": "e.x"},
            {"published": "2025-03-02", "label": "will strike", "status": "future", "event_type": "PROTEST"},
            {"published": None, "label": "undated", "status": "hedged", "event_type": "ASSAULT"}]
    svg = str(timeline_chart(rows, lane_key="event_type", title="Events"))
    assert svg.count("<circle cx=") == 2 + 5  # two dated reports, five legend dots
    assert 'fill="white" stroke="#1d4ed8"' in svg  # asserted, hollow: an anonymous source's word
    assert 'fill="#047857" stroke="#047857"' in svg  # future, filled
    assert "<b>" not in svg and "&lt;b&gt;shelled" in svg
    assert "No dated reports" in str(timeline_chart([], lane_key="event_type", title="Events"))
