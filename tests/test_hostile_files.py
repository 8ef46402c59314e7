"""Hostile files (issue 14): devices, FIFOs, files larger than their size says, symlinks out of
an ingest folder, and standard input closed.

Reads that could hang or exhaust memory before the fix run in a child process under a memory
limit, so a regression fails the test instead of taking the machine down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_ingest_run import ingest, write_stories

from onrecord.errors import InputTooLarge, LinkOutside, NotRegularFile
from onrecord.ingest import InputFailure, RawDocument, iter_inputs
from onrecord.settings import Settings

SMALL = Settings(max_text_bytes=10_000)

# Reads ARG (a path) through iter_inputs in a child with 1 GiB of address space; prints one JSON
# line per item: {"doc": origin} or {"failure": origin, "code": ...}; an exception raised for the
# argument as a whole is {"raised": code}.
_CHILD = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from onrecord.errors import OnrecordError
    from onrecord.ingest import InputFailure, iter_inputs
    from onrecord.settings import Settings
    settings = Settings(max_text_bytes=10_000, follow_links=sys.argv[2] == "follow")
    try:
        for item in iter_inputs(sys.argv[1], settings):
            if isinstance(item, InputFailure):
                print(json.dumps({"failure": item.origin, "code": item.error.code}))
            else:
                print(json.dumps({"doc": item.origin}))
    except OnrecordError as exc:
        print(json.dumps({"raised": exc.code, "message": str(exc)}))
""")


def _read_in_child(arg: Path | str, follow: bool = False) -> list[dict[str, str]]:
    # the timeout only keeps a hung read (a FIFO before the fix) from hanging the suite
    done = subprocess.run([sys.executable, "-c", _CHILD, str(arg), "follow" if follow else ""],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_a_device_named_on_the_command_line_is_refused_unread() -> None:
    [item] = _read_in_child("/dev/zero")
    assert item["raised"] == "not_regular_file"
    assert "/dev/zero" in item["message"] and "character device" in item["message"]


def test_a_fifo_and_a_device_link_in_a_folder_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor said the bridge would reopen.", encoding="utf-8")
    os.mkfifo(folder / "b.txt")  # nothing ever writes to it: opening it for reading would wait forever
    (folder / "c.txt").symlink_to("/dev/zero")
    items = _read_in_child(folder, follow=True)  # follow: the device itself must be refused
    assert items == [
        {"doc": str(folder / "a.txt")},
        {"failure": str(folder / "b.txt"), "code": "not_regular_file"},
        {"failure": str(folder / "c.txt"), "code": "not_regular_file"},
    ]


def test_a_file_larger_than_its_reported_size_is_bounded() -> None:
    """/proc files report a size of 0 and hold more: the read itself must stop at the cap."""
    proc = Path("/proc/self/maps")
    if not proc.exists():
        pytest.skip("no /proc on this system")
    with pytest.raises(InputTooLarge, match="more than 100 bytes"):
        list(iter_inputs(str(proc), Settings(max_text_bytes=100)))


def test_the_not_regular_error_is_a_skip_with_a_clear_message(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match=r"pipe\.txt': it is a FIFO \(named pipe\), not a regular file"):
        list(iter_inputs(str(fifo), SMALL))


def _links(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("Outside the folder: the minister said nothing.", encoding="utf-8")
    (folder / "a.txt").write_text("The mayor said the bridge would reopen.", encoding="utf-8")
    (folder / "out.txt").symlink_to(secret)
    (folder / "sub" / "in.txt").symlink_to(folder / "a.txt")  # a link that stays inside
    return folder


def test_a_symlink_out_of_the_folder_is_skipped_unless_allowed(tmp_path: Path) -> None:
    folder = _links(tmp_path)
    items = list(iter_inputs(str(folder), SMALL))
    assert [i.origin for i in items] == [str(folder / p) for p in ("a.txt", "out.txt", "sub/in.txt")]
    [failure] = [i for i in items if isinstance(i, InputFailure)]
    assert isinstance(failure.error, LinkOutside) and failure.origin == str(folder / "out.txt")
    assert str(tmp_path / "secret.txt") in str(failure.error) and "--follow-links" in str(failure.error)
    followed = list(iter_inputs(str(folder), Settings(follow_links=True)))
    docs = [i for i in followed if isinstance(i, RawDocument)]
    assert len(docs) == 3 and "minister" in str(docs[1].data)


@pytest.mark.model
def test_ingest_skips_fifos_devices_and_outside_links_and_counts_them(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    write_stories(stories, 2)
    os.mkfifo(stories / "fifo.txt")
    (stories / "zero.txt").symlink_to("/dev/zero")
    (stories / "passwd.txt").symlink_to("/etc/passwd")
    code, summary, err = ingest(str(stories), "--db", str(tmp_path / "h.db"))
    assert code == 0, err
    assert summary["stored"] == 2 and summary["skipped"] == 3 and summary["read"] == 5
    assert summary["skipped_by_reason"] == {"link_outside_folder": 2, "not_regular_file": 1}
    code, summary, err = ingest(str(stories), "--db", str(tmp_path / "h2.db"), "--follow-links")
    assert summary["skipped_by_reason"] == {"not_regular_file": 2}, err  # the FIFO and the device


@pytest.mark.parametrize("command", [["analyze", "-"], ["ingest", "-", "--format", "json"]])
def test_dash_with_standard_input_closed_is_a_clear_error(tmp_path: Path, command: list[str]) -> None:
    db = ["--db", str(tmp_path / "s.db")] if command[0] == "ingest" else []
    # `<&-` closes descriptor 0 in the child, so Python starts with sys.stdin = None
    closed = ["sh", "-c", 'exec "$@" <&-', "sh"]
    done = subprocess.run([*closed, sys.executable, "-m", "onrecord", *command, *db],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "Cannot read standard input ('-'): it is closed" in done.stderr + done.stdout


def test_a_fifo_named_jsonl_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "batch.jsonl")
    assert _read_in_child(folder) == [{"failure": str(folder / "batch.jsonl"), "code": "not_regular_file"}]


def test_an_interrupted_summary_adds_up_with_the_in_flight_count() -> None:
    """Issue 14: 1024 read, 768 finished when Ctrl-C came: the JSON must say where the rest are."""
    from onrecord.run import IngestCounts

    counts = IngestCounts(read=1024, stored=700, skipped=60, failed=8)
    summary = counts.to_dict()
    assert summary["in_flight"] == 256
    buckets = ("stored", "new_version", "unchanged", "skipped", "failed", "already_done", "in_flight")
    assert sum(summary[k] for k in buckets) == summary["read"]
    assert IngestCounts(read=3, stored=3).to_dict()["in_flight"] == 0


@pytest.mark.model
def test_an_edited_text_file_becomes_a_new_version_of_the_same_article(tmp_path: Path) -> None:
    import sqlite3

    story = tmp_path / "stories" / "bridge.txt"
    story.parent.mkdir()
    story.write_text("“The bridge will reopen on Monday,” said Jane Doe, a city official.", encoding="utf-8")
    db = tmp_path / "v.db"
    code, summary, err = ingest(str(story.parent), "--db", str(db))
    assert (code, summary["stored"]) == (0, 1), err
    code, summary, _ = ingest(str(story.parent), "--db", str(db))
    assert summary["already_done"] == 1  # unchanged file: nothing to do
    story.write_text("“The bridge will reopen on Tuesday,” said Jane Doe, a city official.", encoding="utf-8")
    code, summary, err = ingest(str(story.parent), "--db", str(db))
    assert (code, summary["new_version"], summary["stored"]) == (0, 1, 0), err
    with sqlite3.connect(db) as conn:
        sql = "SELECT canonical_key, version, is_latest, text FROM articles ORDER BY version"
        rows = conn.execute(sql).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [(f"file:{story}", 1, 0), (f"file:{story}", 2, 1)]
    assert "Tuesday" in rows[1][3]
