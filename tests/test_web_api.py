"""The REST API over HTTP, against a real ``onrecord serve`` on SQLite and on PostgreSQL.

One store of invented articles (tests/web_server.py) is loaded into both backends; every
test runs against both. The envelope, pagination, sorting and error shape are pinned once
for all list endpoints; schemathesis then checks that no generated request gets a 5xx.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from postgres import backend_store
from schemathesis.core.result import Err
from test_store_records import make_record
from web_server import fixture_store, serve

from onrecord.web.security import CSP

LISTS = {  # endpoint -> (required params, a sort other than the default, its field)
    "/api/articles": ({}, "title", "title"),
    "/api/sources": ({}, "name", "name"),
    "/api/attributions": ({}, "-confidence", "confidence"),
    "/api/search": ({"q": "talks"}, "published", "published"),
    "/api/stats": ({"by": "month"}, "key", "month"),
    "/api/runs": ({}, "id", "id"),
}
ARTICLE_TEXT = '"We will not raise taxes this year," Finance Minister Maria Lopez said on Tuesday.'


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture store on one backend (a fresh PostgreSQL database on the session's cluster)."""
    yield from backend_store(request, tmp_path_factory.mktemp("web") / "web.db", fixture_store)


@pytest.fixture(scope="module")
def base(backend_db: str) -> Iterator[str]:
    with serve(backend_db) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape: {"error": {"code", "message", "status"}}, JSON, with the status repeated."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    error: dict[str, Any] = body["error"]
    return error


# -- the envelope, pagination and sorting, the same on every list ---------------------------


@pytest.mark.parametrize("path", sorted(LISTS))
def test_lists_share_envelope_pagination_sorting_and_errors(client: httpx.Client, path: str) -> None:
    params, sort, field = LISTS[path]
    whole = client.get(path, params=params).json()
    assert set(whole) == {"items", "page", "per_page", "total", "next"}
    assert (whole["page"], whole["per_page"], whole["next"]) == (1, 50, None)
    n = len(whole["items"])
    assert n >= 1 and whole["total"] == n

    # one row per page: the pages walk the same rows in the same order, linked by next
    seen, url = [], client.get(path, params={**params, "per_page": 1}).url
    while url is not None:
        page = client.get(str(url)).json()
        assert page["per_page"] == 1 and len(page["items"]) <= 1
        seen += page["items"]
        url = page["next"]
    assert seen == whole["items"]

    # a whitelisted sort orders the rows (missing values last); anything else is a 400
    ordered = client.get(path, params={**params, "sort": sort}).json()
    values = [item[field] for item in ordered["items"] if item[field] is not None]
    assert values == sorted(values, reverse=sort.startswith("-"))
    assert ordered["total"] == n
    assert_error(client.get(path, params={**params, "sort": "no_such_field"}), 400, "invalid_parameter")

    # bounds: 400 with the error shape, never a 5xx
    for bad in ({"page": 10**9}, {"page": 0}, {"per_page": 10**6}, {"per_page": 0}, {"page": "x"}):
        assert_error(client.get(path, params={**params, **bad}), 400, "invalid_parameter")
    beyond = client.get(path, params={**params, "page": 10_000}).json()
    assert beyond["items"] == [] and beyond["next"] is None


@pytest.mark.parametrize("path", ["/api/articles", "/api/attributions", "/api/search", "/api/sources"])
def test_first_page_gives_the_total(client: httpx.Client, path: str) -> None:
    """A researcher paging one row at a time still learns on page 1 how many rows there are."""
    params = LISTS[path][0]
    n = client.get(path, params=params).json()["total"]
    first = client.get(path, params={**params, "per_page": 1}).json()
    assert n >= 2 and first["next"] is not None and first["total"] == n


def test_an_unknown_parameter_is_refused_with_the_valid_ones(client: httpx.Client) -> None:
    """A typo must not silently return unfiltered data."""
    typo = client.get("/api/sources", params={"identiy": "anonymous"})
    error = assert_error(typo, 400, "invalid_parameter")
    assert "'identiy'" in error["message"] and "identity" in error["message"].split("takes", 1)[1]
    for path in sorted(LISTS):
        assert_error(client.get(path, params={**LISTS[path][0], "nope": "1"}), 400, "invalid_parameter")
    assert_error(client.get("/api/articles/web-1", params={"pretty": "1"}), 400, "invalid_parameter")


def test_errors_name_api_parameters_not_cli_options(client: httpx.Client) -> None:
    for path in ("/api/articles", "/api/attributions", "/api/findings/figures"):
        for name in ("since", "until"):
            error = assert_error(client.get(path, params={name: "last tuesday"}), 400, "bad_query")
            assert f"Cannot read {name} 'last tuesday'" in error["message"] and "--" not in error["message"]


@pytest.mark.parametrize("path", sorted(LISTS))
def test_lists_answer_csv(client: httpx.Client, path: str) -> None:
    """format=csv: the same page's items as a spreadsheet file, one row each."""
    params = LISTS[path][0]
    items = client.get(path, params=params).json()["items"]
    response = client.get(path, params={**params, "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(items) and set(rows[0]) == set(items[0])
    assert_error(client.get(path, params={**params, "format": "xml"}), 400, "invalid_parameter")


def test_filters(client: httpx.Client) -> None:
    params = {"outlet": "daily.example.org", "since": "2025-08-15"}
    articles = client.get("/api/articles", params=params).json()
    assert [a["article_id"] for a in articles["items"]] == ["web-5", "web-4"]
    assert client.get("/api/articles", params={"until": "2025-08-03"}).json()["total"] == 1
    quotes = client.get("/api/attributions", params={"source": "lopez", "text": "tax"}).json()["items"]
    assert {q["article_id"] for q in quotes} == {"web-1", "web-3"}
    assert {s["name"] for s in client.get("/api/sources", params={"identity": "anonymous"}).json()["items"]} \
        == {"a senior adviser"}
    found = client.get("/api/search", params={"q": '"rail strike"'}).json()["items"]
    assert [f["article_id"] for f in found] == ["web-2"] and "row_id" not in found[0]
    talks = client.get("/api/search", params={"q": "talks", "identity": "anonymous"}).json()["items"]
    assert [f["article_id"] for f in talks] == ["web-1"]  # web-3 has talks but no anonymous source
    by_outlet = client.get("/api/stats").json()["items"]
    outlets = {row["outlet"]: row["articles"] for row in by_outlet}
    assert outlets == {"daily.example.org": 3, "news.example.com": 2}
    assert_error(client.get("/api/articles", params={"since": "last tuesday"}), 400, "bad_query")


def test_query_bounds_and_malformed_search(client: httpx.Client) -> None:
    assert_error(client.get("/api/search", params={"q": "x" * 10_000}), 400, "invalid_parameter")
    error = assert_error(client.get("/api/search", params={"q": '"unclosed'}), 400, "bad_query")
    assert "not closed" in error["message"]
    assert_error(client.get("/api/search"), 400, "invalid_parameter")
    assert_error(client.get("/api/articles", params={"outlet": "a\x00b"}), 400, "invalid_parameter")


def test_article_record_and_not_found(client: httpx.Client) -> None:
    record = client.get("/api/articles/web-1").json()
    assert record["id"] == "web-1" and record["outlet"] == "news.example.com"
    for a in record["attributions"]:
        (start, end), = a["content"]["spans"]
        assert record["text"][start:end] == a["content"]["text"]
    assert_error(client.get("/api/articles/no-such-article"), 404, "not_found")
    assert_error(client.get("/api/articles/" + "9" * 1000), 400, "invalid_parameter")  # ids are ≤ 128 chars
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.delete("/api/articles/web-1"), 405)


def test_security_headers_everywhere(client: httpx.Client) -> None:
    for path in ("/api/articles", "/api/nothing-here", "/openapi.json", "/docs"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
    docs = client.get("/docs").text
    assert "/openapi.json" in docs and "<script" not in docs  # no CDN Swagger UI


# -- POST /api/analyze -------------------------------------------------------------------------


def test_analyze_returns_a_record_with_true_offsets(client: httpx.Client) -> None:
    response = client.post("/api/analyze", json={"text": ARTICLE_TEXT, "published": "2025-09-30"})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["text"] == ARTICLE_TEXT and record["published"] == "2025-09-30"
    assert record["attributions"], record
    for a in record["attributions"]:
        for part in ("content", "source", "cue"):
            span = a[part]
            if span:
                assert " ".join(ARTICLE_TEXT[s:e] for s, e in span["spans"]) == span["text"]


def test_analyze_limits(client: httpx.Client) -> None:
    assert_error(client.post("/api/analyze", json={"text": "x" * 2_100_000}), 413, "too_large")
    assert_error(client.post("/api/analyze", json={"text": "a " * 300_000}), 413, "too_large")
    error = assert_error(client.post("/api/analyze", json={"url": "http://127.0.0.1/"}), 400, "fetch")
    assert "127.0.0.1" in error["message"]
    assert_error(client.post("/api/analyze", json={"text": ARTICLE_TEXT, "store": True}), 403, "read_only")
    assert_error(client.post("/api/analyze", json={}), 400, "invalid_parameter")
    both = {"text": "a", "html": "<p>a</p>"}
    assert_error(client.post("/api/analyze", json=both), 400, "invalid_parameter")
    json_header = {"content-type": "application/json"}
    not_json = client.post("/api/analyze", content=b"{not json", headers=json_header)
    assert_error(not_json, 400, "invalid_parameter")
    assert_error(client.post("/api/analyze", json={"text": "   "}), 422)


def test_analyze_stores_only_with_allow_store(tmp_path: Any) -> None:
    db = fixture_store(tmp_path / "store.db", records=[])
    with serve(db, allow_store=True) as url:
        response = httpx.post(url + "/api/analyze", json={"text": ARTICLE_TEXT, "store": True}, timeout=60)
        assert response.status_code == 200, response.text
        assert response.headers["onrecord-stored"] == "stored"
        rid = response.json()["id"]
        assert httpx.get(f"{url}/api/articles/{rid}").json()["text"] == ARTICLE_TEXT


def test_serve_refuses_a_missing_database(tmp_path: Any) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "onrecord", "serve", "--db", str(tmp_path / "nope.db")],
                            check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "No database at" in result.stderr


# -- schemathesis: no generated request gets a server error -----------------------------------


@pytest.mark.slow
def test_no_server_errors(base: str) -> None:
    """Every operation of /openapi.json, 25 generated requests each: no 5xx, errors in the one shape."""
    schema = schemathesis.openapi.from_url(base + "/openapi.json")
    results = list(schema.get_all_operations())
    assert not any(isinstance(result, Err) for result in results)
    operations = [result.ok() for result in results if not isinstance(result, Err)]
    assert {op.path for op in operations} >= {*LISTS, "/api/articles/{article_id}", "/api/analyze"}
    for operation in operations:
        check = settings(max_examples=25, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))(given(case=operation.as_strategy())(_no_5xx))
        check()


def _no_5xx(case: Any) -> None:
    if case.method == "POST" and isinstance(case.body, dict):
        for key in ("text", "html"):  # small bodies: the limits have their own test
            if isinstance(case.body.get(key), str):
                case.body[key] = case.body[key][:2000]
        case.body.pop("url", None)  # no fetches from generated data (offline, and slow to fail)
    response = case.call(timeout=60)
    assert response.status_code < 500, (
        case.method, case.formatted_path, response.status_code, response.text[:500]
    )
    if response.status_code >= 400:
        body = response.json()
        assert body["error"]["status"] == response.status_code, body


def test_several_worker_processes_serve_the_same_store(backend_db: str) -> None:
    """``--workers 2``: each worker builds its own app from the serve command's options."""
    with serve(backend_db, args=("--workers", "2")) as url, httpx.Client(base_url=url, timeout=30) as c:
        listing = c.get("/api/articles", params={"per_page": 200})
        assert listing.status_code == 200 and listing.json()["items"]
        some_id = listing.json()["items"][0]["article_id"]
        pages = [c.get(f"/articles/{some_id}") for _ in range(6)]  # the second on is a cached render
        assert all(p.status_code == 200 for p in pages)
        assert len({p.text for p in pages}) == 1
        assert "content-security-policy" in pages[-1].headers


def test_first_page_of_findings_and_runs_gives_the_total(tmp_path: Path) -> None:
    """/api/findings/{kind} and /api/runs give ``total`` on page 1 too, as every other list does."""
    from fastapi.testclient import TestClient

    from onrecord.records import Figure
    from onrecord.web.app import create_app

    records = []
    for i, published in enumerate(("2025-09-01", "2025-09-02", "2025-09-03")):
        outlet = "a.example" if i else "b.example"
        r = make_record(f"fig-{i}", published=published, outlet=outlet, url=f"https://{outlet}/fig-{i}",
                        body=f"More than 300 trucks and 40 buses crossed on day {i}.")
        start = r.text.index("More than")
        figures = (Figure("F1", "More than 300 trucks", ((start, start + 20),), 300, "more_than", "trucks"),
                   Figure("F2", "40 buses", ((start + 25, start + 33),), 40, None, "buses"))
        records.append(dataclasses.replace(r, findings={**r.findings, "figures": figures}))
    db = fixture_store(tmp_path / "f.db", records[:2])
    fixture_store(db, records[2:])  # a second run
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        cases = [("/api/findings/figures", {}, 6), ("/api/findings/figures", {"unit": "trucks"}, 3),
                 ("/api/findings/figures", {"outlet": "a.example"}, 4), ("/api/runs", {}, 2)]
        for path, params, n in cases:
            whole = client.get(path, params=params).json()
            assert whole["total"] == n == len(whole["items"]), (path, params)
            first = client.get(path, params={**params, "per_page": 1}).json()
            assert first["next"] is not None and first["total"] == n, (path, params)
            second = client.get(path, params={**params, "per_page": 1, "page": 2}).json()
            assert second["items"] and second["total"] in (None, n)  # a middle page leaves it out
