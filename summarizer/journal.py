"""The work folder of ``summarizer run`` (``OUT/.work/``): what makes a run kill-safe.

  journal.jsonl   one line per finished study, appended and fsync'd as each finishes:
                  ``{"key", "study_id", "failed_stages", "errors", "sentences", "line"}``;
                  a rerun skips the studies whose key (a hash of their records and the
                  settings) it holds. A line cut short by a kill is ignored and cut off.
  studies.spool   the run's studies after grouping, pickled one after another, so that the
                  records need not stay in memory while the studies are processed
  staging/<key>/  where a study's files are written before they are moved into ``OUT``
                  (``os.replace``, one file at a time), so no output file is ever half-written

The final files (``studies.jsonl``, ``report.json``, ...) are written with ``write_atomic``.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from summarizer.schema import Study

WORK = ".work"


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """A text file (UTF-8) that appears at ``path`` whole or not at all: written beside it,
    fsync'd, then renamed over it when the block ends without an error."""
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", encoding="utf-8", newline="\n") as f:
        yield f
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (``atomic_writer``)."""
    with atomic_writer(path) as f:
        f.write(text)


ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def reproducible_zip(path: Path) -> None:
    """Rewrite a zip file (a .docx) with every member dated ``ZIP_TIME``: python-docx dates
    the members with the time of saving, which is the only thing two runs would differ in."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    partial = path.with_name(f".{path.name}.partial")
    with zipfile.ZipFile(partial, "w") as dst:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type, fixed.external_attr = info.compress_type, info.external_attr
            dst.writestr(fixed, data)
    os.replace(partial, path)


def publish(staging: Path, out_dir: Path) -> None:
    """Move every file under ``staging`` to the same relative place under ``out_dir``
    (each move atomic; a .docx first made reproducible), then remove ``staging``."""
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        if path.suffix == ".docx":
            reproducible_zip(path)
        target = out_dir / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    shutil.rmtree(staging, ignore_errors=True)


@dataclass(frozen=True)
class Entry:
    """Where one study's journal line is: byte ``offset`` and ``length`` in journal.jsonl."""

    key: str
    offset: int
    length: int
    failed: bool
    files: tuple[str, ...]  # output files of the study (relative to OUT), all present when done


class Journal:
    """The append-only record of finished studies (``OUT/.work/journal.jsonl``)."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, Entry] = {}
        path.parent.mkdir(parents=True, exist_ok=True)
        self._load()
        self._file = path.open("ab")

    def _load(self) -> None:
        """Read the entries of earlier runs; cut off a last line that a kill left unfinished."""
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            with self.path.open("r+b") as f:
                f.truncate(end)
        offset = 0
        for raw in data[:end].splitlines(keepends=True):
            entry = _parse_entry(raw, offset)
            if entry is not None:
                self.entries[entry.key] = entry
            offset += len(raw)

    def done(self, key: str, out_dir: Path) -> bool:
        """Whether the study of ``key`` finished without a failed stage and its files are there."""
        entry = self.entries.get(key)
        return bool(entry and not entry.failed
                    and all((out_dir / f).is_file() for f in entry.files))

    def append(self, key: str, record: dict[str, Any]) -> None:
        """Add a finished study (``record`` holds ``line``, ``errors``, ...) and fsync."""
        raw = (json.dumps({"key": key, **record}, ensure_ascii=False) + "\n").encode("utf-8")
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(raw)
        self._file.flush()
        os.fsync(self._file.fileno())
        entry = _parse_entry(raw, offset)
        if entry is not None:
            self.entries[key] = entry

    def read(self, key: str) -> dict[str, Any]:
        """The journal record of the study of ``key``."""
        entry = self.entries[key]
        with self.path.open("rb") as f:
            f.seek(entry.offset)
            return json.loads(f.read(entry.length))

    def compact(self, keys: Iterable[str]) -> None:
        """Keep only the entries of ``keys``, in that order (the studies of this run)."""
        self._file.close()
        partial = self.path.with_name(self.path.name + ".partial")
        with self.path.open("rb") as src, partial.open("wb") as dst:
            for key in keys:
                entry = self.entries[key]
                src.seek(entry.offset)
                dst.write(src.read(entry.length))
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(partial, self.path)
        self.entries = {}
        self._load()
        self._file = self.path.open("ab")

    def close(self) -> None:
        self._file.close()


def _parse_entry(raw: bytes, offset: int) -> Entry | None:
    try:
        obj = json.loads(raw)
        line = obj["line"]
        files = [*line.get("summaries", {}).values()]
        files += [f for a in line.get("alignments", []) for f in a.get("files", {}).values()]
        return Entry(obj["key"], offset, len(raw), bool(obj["failed_stages"]), tuple(files))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class Spool:
    """Studies pickled to a file one after another; ``read(i)`` brings one back."""

    def __init__(self, path: Path, studies: Iterable[Study]):
        self.path = path
        self.spans: list[tuple[int, int]] = []
        with path.open("wb") as f:
            for study in studies:
                data = pickle.dumps(study, protocol=pickle.HIGHEST_PROTOCOL)
                self.spans.append((f.tell(), len(data)))
                f.write(data)

    def read(self, indices: list[int]) -> Iterator[Study]:
        with self.path.open("rb") as f:
            for i in indices:
                offset, length = self.spans[i]
                f.seek(offset)
                yield pickle.loads(f.read(length))  # noqa: S301 - our own file of this run
