"""A throwaway PostgreSQL cluster for the store tests (session-scoped), started from Debian's binaries.

initdb refuses to run as root, so when the tests run as root the cluster belongs to the
``postgres`` system user (created by the Debian package) and its commands run through
``runuser``. No PostgreSQL binaries is a failure, not a skip: ``make test`` installs them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries, or a cluster command failed."""


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise PostgresUnavailable(
            "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: run "
            "'make test' (it installs Debian's postgresql package), or 'make system-deps'."
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _run(cmd: list[str]) -> None:
    result = subprocess.run(_as_owner(cmd), check=False, capture_output=True, text=True, timeout=60)
    if result.returncode:
        raise PostgresUnavailable(
            f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )


_DATA_DIRS: dict[str, Path] = {}  # server URL -> its data directory, for restart_postgres


@contextlib.contextmanager
def throwaway_cluster(*, fsync: bool = False) -> Iterator[str]:
    """Start a cluster on a free port in a temp folder; yield its server URL; stop and remove it.

    Tests run it with fsync off (speed); the benchmark keeps fsync on, as a real server has.
    """
    bindir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1" + ("" if fsync else " -c fsync=off")
    url = f"postgresql://postgres@127.0.0.1:{port}"
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
              "--locale=C.UTF-8", "--no-sync"])
        # -l: the server must not inherit our pipes, or waiting for pg_ctl waits for the server
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "30",
              "-o", options, "start"])
        _DATA_DIRS[url] = data
        yield url
    finally:
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       check=False, capture_output=True, timeout=60)
        _DATA_DIRS.pop(url, None)
        shutil.rmtree(root, ignore_errors=True)


def restart_postgres(url: str) -> None:
    """Restart a test server the way an operator would (fast shutdown: sessions are cut)."""
    data = _DATA_DIRS[url.rsplit("/", 1)[0] if url.count("/") > 2 else url]
    _run([str(_bin_dir() / "pg_ctl"), "-D", str(data), "-l", str(data.parent / "server.log"), "-m", "fast",
          "-w", "-t", "30", "restart"])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The session's server URL (without a database name); no binaries is a failure, not a skip."""
    try:
        cluster = throwaway_cluster()
        url = cluster.__enter__()
    except PostgresUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield url
    finally:
        cluster.__exit__(None, None, None)


@contextlib.contextmanager
def fresh_database(server: str, prefix: str = "t_") -> Iterator[str]:
    """A new, empty database on ``server`` (its URL), dropped when the block ends."""
    import psycopg

    name = prefix + uuid.uuid4().hex[:12]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def backend_store(
    request: pytest.FixtureRequest, sqlite_file: Path, build: Callable[[str], str]
) -> Iterator[str]:
    """For a fixture parametrised ``["sqlite", "postgresql"]``: ``build(url)`` on that backend.

    SQLite gets ``sqlite_file``; PostgreSQL a fresh database on the session's cluster, dropped
    afterwards. Yields what ``build`` returns (the store's URL or path).
    """
    if request.param == "sqlite":
        yield build(str(sqlite_file))
        return
    server = request.getfixturevalue("postgres_server")
    with fresh_database(server, "store_") as url:
        yield build(url)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server for one test; dropped afterwards."""
    with fresh_database(postgres_server) as url:
        yield url
