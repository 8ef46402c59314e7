"""Input shards for the Ray engine: WARC and JSON Lines files, local or in object storage.

A shard is read whole by one Ray task with the ordinary readers (``iter_warc``,
``iter_jsonl``), so the distributed engine sees exactly the records, origins and reason
codes a local run sees. Shards named by URI (``s3://…``, ``gs://…``) go through pyarrow's
filesystem layer, which takes credentials from the environment as usual; a remote shard is
copied to a local temporary file first, because the WARC reader seeks within the file to
re-synchronise after damage. Its items keep the URI as their origin (``URI@OFFSET``,
``URI:LINE``), so input keys do not depend on where a worker put the copy.
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onrecord.errors import ConfigError, IngestError, OnrecordError
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.jsonl import iter_jsonl
from onrecord.ingest.warc import iter_warc
from onrecord.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SHARD_SUFFIXES = WARC_SUFFIXES + JSONL_SUFFIXES
_COPY_CHUNK = 1 << 20

Item = RawDocument | InputFailure


def is_uri(path: str) -> bool:
    """True for object-storage and other filesystem URIs (``s3://bucket/key``), False for local paths."""
    return "://" in path and not path.startswith("file://")


def is_shard(name: str) -> bool:
    return name.lower().endswith(SHARD_SUFFIXES)


def expand_shards(inputs: list[str]) -> list[str]:
    """The shard files behind ``inputs``: files as given, folders (local or URI) listed recursively.

    Raises:
        ConfigError: an input is missing, or a named file is not a WARC or JSON Lines shard.
    """
    shards: list[str] = []
    for arg in inputs:
        if is_uri(arg):
            shards += _expand_uri(arg)
            continue
        path = Path(arg.removeprefix("file://"))
        if path.is_dir():
            found = sorted(str(p.absolute()) for p in path.rglob("*") if p.is_file() and is_shard(p.name)
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise ConfigError(
                    f"'{arg}' holds no WARC or JSON Lines shards ({', '.join(SHARD_SUFFIXES)})."
                )
            shards += found
        elif path.is_file():
            _check_suffix(arg)
            shards.append(str(path.absolute()))  # keys name absolute paths, as in the local engine
        else:
            raise ConfigError(f"Cannot read '{arg}': no such file or directory. The Ray engine reads "
                              "local paths (on a filesystem every node sees) and s3:// or gs:// URIs.")
    return list(dict.fromkeys(shards))  # a shard named twice (a file and its folder) is read once


def _check_suffix(name: str) -> None:
    if not is_shard(name):
        raise ConfigError(f"'{name}' is not a shard the Ray engine reads: give WARC or JSON Lines files "
                          f"({', '.join(SHARD_SUFFIXES)}). Analyse single pages with the local engine.")


def _expand_uri(uri: str) -> list[str]:
    from pyarrow import fs

    try:
        filesystem, path = fs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.File:
            _check_suffix(uri)
            return [uri]
        if info.type != fs.FileType.Directory:
            raise ConfigError(f"Cannot read '{uri}': nothing there. Check the URI and the credentials "
                              "in the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, …).")
        listing = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
    except (OSError, ValueError) as exc:  # pyarrow raises these for unknown schemes and access errors
        raise ConfigError(f"Cannot read '{uri}': {exc}") from exc
    scheme = uri.split("://", 1)[0]
    found = sorted(f"{scheme}://{f.path}" for f in listing if f.type == fs.FileType.File and is_shard(f.path))
    if not found:
        raise ConfigError(f"'{uri}' holds no WARC or JSON Lines shards ({', '.join(SHARD_SUFFIXES)}).")
    return found


def read_shard(shard: str, settings: Settings) -> Iterator[Item]:
    """Every item of one shard, with origins naming the shard as given (URI or path)."""
    if not is_uri(shard):
        yield from _read_local(Path(shard.removeprefix("file://")), settings)
        return
    suffix = ".warc.gz" if shard.lower().endswith(".gz") else Path(shard).suffix
    with tempfile.TemporaryDirectory(prefix="onrecord-shard-") as tmp:
        local = Path(tmp) / f"shard{suffix}"
        try:
            _download(shard, local)
        except OSError as exc:
            yield InputFailure(origin=shard, line=None,
                               error=IngestError(f"Cannot read '{shard}': {exc}"))
            return
        for item in _read_local(local, settings):
            yield _renamed(item, str(local), shard)


def _read_local(path: Path, settings: Settings) -> Iterator[Item]:
    try:
        if path.name.lower().endswith(JSONL_SUFFIXES):
            # No HTTP client is passed: records with only a 'url' are fetched by the worker as needed.
            yield from iter_jsonl(path, settings)
        else:
            yield from iter_warc(path, settings)
    except OnrecordError as exc:  # the shard itself could not be opened
        yield InputFailure(origin=str(path), line=None, error=exc)


def _download(uri: str, local: Path) -> None:
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(uri)
    with filesystem.open_input_stream(path) as source, local.open("wb") as out:
        shutil.copyfileobj(source, out, _COPY_CHUNK)


def _renamed(item: Item, local: str, shard: str) -> Item:
    """Give an item from a downloaded copy the shard's URI as its origin."""
    origin = shard + item.origin[len(local):] if item.origin.startswith(local) else item.origin
    if isinstance(item, InputFailure):
        message = str(item.error).replace(local, shard)
        try:  # OnrecordErrors take their message as the one argument
            error = type(item.error)(message)
        except TypeError:
            error = item.error
        return dataclasses.replace(item, origin=origin, error=error)
    return dataclasses.replace(item, origin=origin)


def shard_rows(row: dict[str, Any], settings: Settings) -> Iterator[dict[str, Any]]:
    """Ray ``flat_map`` over shard names: one row per item, the item pickled (records are dataclasses)."""
    for item in read_shard(str(row["shard"]), settings):
        yield {"input_key": item.origin, "item": pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)}
