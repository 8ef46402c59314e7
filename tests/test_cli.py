"""``onrecord analyze`` end to end: formats, batches, stdin, URLs, exit codes and messages."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from onrecord.cli import cli

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model

ARTICLE = (
    "Ferry service to resume after storm, operator says\n\n"
    "HALDEN, Norway, May 3 (Nordic Wire) — Ferry crossings across the fjord will resume on Friday, "
    "the operator Fjordlink said on Thursday.\n\n"
    "\u201cWe expect the first boats to leave at six in the morning,\u201d spokeswoman Ingrid Berg told "
    "reporters. \u201cSafety comes first.\u201d\n\n"
    "Two harbour workers, who asked not to be named, said the repairs were not finished. "
    "The transport ministry declined to comment.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_text_report_groups_sources(runner: CliRunner, article_file: Path, onrecord_nlp: Language) -> None:
    result = runner.invoke(cli, ["analyze", str(article_file)])
    assert result.exit_code == 0, result.output
    assert "statements" in result.output
    assert "Statements (" in result.output
    assert "Non-responses (1)" in result.output
    assert "declined to comment" in result.output


def test_json_record_keeps_text_unchanged(
    runner: CliRunner, article_file: Path, onrecord_nlp: Language
) -> None:
    result = runner.invoke(cli, ["analyze", str(article_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["text"] == ARTICLE
    for a in record["attributions"]:
        for role in ("cue", "source", "content"):
            span = a[role]
            if span:
                assert " ".join(record["text"][s:e] for s, e in span["spans"]) == span["text"]


def test_crlf_file_offsets_point_into_file(runner: CliRunner, tmp_path: Path, onrecord_nlp: Language) -> None:
    path = tmp_path / "crlf.txt"
    raw = ARTICLE.replace("\n", "\r\n")
    path.write_bytes(raw.encode("utf-8"))
    result = runner.invoke(cli, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["text"] == raw
    assert record["attributions"]


def test_stdin(runner: CliRunner, onrecord_nlp: Language) -> None:
    result = runner.invoke(cli, ["analyze", "-", "--format", "jsonl"], input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"] == ARTICLE


def _batch(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}),
        "{not json",
        json.dumps({"id": "b", "text": "The mayor said the market would reopen on Monday."}),
        json.dumps({"id": "c", "title": "neither text nor html"}),
        json.dumps({
            "id": "d",
            "html": "<html><body><article><p>" + ("The council said the roads were closed. " * 5)
            + "</p></article></body></html>",
        }),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_batch_keeps_order_and_reports_bad_lines(
    runner: CliRunner, tmp_path: Path, jobs: str, onrecord_nlp: Language,
) -> None:
    result = runner.invoke(cli, ["analyze", str(_batch(tmp_path)), "--format", "jsonl", "--jobs", jobs])
    assert result.exit_code == 1
    ids = [json.loads(line)["id"] for line in result.stdout.strip().splitlines()]
    assert ids == ["a", "b", "d"]
    assert ":2" in result.stderr and ":4" in result.stderr
    assert "3 analysed, 2 failed" in result.stderr


def test_jobs_give_identical_records(runner: CliRunner, tmp_path: Path, onrecord_nlp: Language) -> None:
    batch = _batch(tmp_path)
    one = runner.invoke(cli, ["analyze", str(batch), "--format", "jsonl", "--jobs", "1"]).stdout
    two = runner.invoke(cli, ["analyze", str(batch), "--format", "jsonl", "--jobs", "2"]).stdout
    assert one == two


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"PK\x03\x04" + bytes(200), "zip"),
    ],
)
def test_bad_files_fail_with_a_clear_message(
    runner: CliRunner, tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    assert needle.lower() in result.stderr.lower()


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_bad_usage_exits_2(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(article_file), "--format", "xml"])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["analyze"])
    assert result.exit_code == 2


def test_size_cap(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(article_file), "--max-bytes", "100"])
    assert result.exit_code == 1
    assert "ferry.txt" in result.stderr


def test_non_english_is_refused_clearly(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "es.txt"
    path.write_text(
        "El gobierno anunció el martes que la carretera estará cerrada durante dos semanas. "
        "Según el ministro, las obras son necesarias para la seguridad de los conductores y de los "
        "vecinos que viven en la zona, y no habrá más retrasos en el proyecto.",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 1
    assert "English" in result.stderr


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/story":
            paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
            body = ("<html><head><title>Ferry</title></head><body><article>"
                    + paragraphs + "</article></body></html>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_to_loopback_refused_by_default(runner: CliRunner, server: str) -> None:
    result = runner.invoke(cli, ["analyze", f"{server}/story"])
    assert result.exit_code == 1
    assert "--allow-private" in result.stderr


def test_url_fetch_extract_analyse(runner: CliRunner, server: str, onrecord_nlp: Language) -> None:
    result = runner.invoke(cli, ["analyze", f"{server}/story", "--allow-private", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert "Ingrid Berg" in record["text"]
    assert record["url"].endswith("/story")


def test_unreachable_url(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["analyze", "http://127.0.0.1:9/none", "--allow-private"])
    assert result.exit_code == 1
    assert "127.0.0.1:9" in result.stderr


def test_analyse_is_an_alias_of_analyze(
    runner: CliRunner, article_file: Path, onrecord_nlp: Language
) -> None:
    """The web UI says "Analyse": the British spelling runs the same command, and is not listed twice."""
    result = runner.invoke(cli, ["analyse", str(article_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == ARTICLE
    assert "analyse" not in runner.invoke(cli, ["--help"]).output


def test_a_headline_first_line_is_the_json_title(
    runner: CliRunner, article_file: Path, onrecord_nlp: Language
) -> None:
    result = runner.invoke(cli, ["analyze", str(article_file), "--format", "json"])
    record = json.loads(result.stdout)
    assert record["title"] == "Ferry service to resume after storm, operator says"
    assert record["text"] == ARTICLE  # the title is metadata: the text and its offsets are unchanged


def test_jsonl_authors_reach_the_record(runner: CliRunner, tmp_path: Path, onrecord_nlp: Language) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in [
        {"id": "t", "text": ARTICLE, "authors": ["Jane Doe", "Ali Khan"]},
        {"id": "h", "html": f"<html><body><article><h1>Ferry</h1><p>{ARTICLE}</p></article></body></html>",
         "authors": ["Mei Chen"]},
    ]) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(batch), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["authors"] for r in records] == [["Jane Doe", "Ali Khan"], ["Mei Chen"]]
