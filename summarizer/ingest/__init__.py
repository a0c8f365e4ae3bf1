"""The ingest stage: files to Records.

``read_paths`` walks files and folders (recursively, sorted, hidden files skipped) and yields
Records and Quarantined inputs file by file; ``read_file`` reads one file; ``ingest`` writes
Records as JSON Lines and reports what was read. Formats are told from content
(``detect_format``) unless forced with ``fmt``; readers are found by name in ``READERS``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, UnknownFormat
from summarizer.ingest.build import one_line, quarantine
from summarizer.ingest.decode import decode_bytes
from summarizer.ingest.detect import detect_format, why_not_a_record
from summarizer.registry import Registry
from summarizer.schema import Quarantined, Record, Skipped, TextWarning

READERS = Registry("reader")
for _name, _path in [("ris", "ris:read_ris"), ("medline", "medline:read_medline"),
                     ("pubmed-xml", "pubmed_xml:read_pubmed_xml"),
                     ("wos", "tagged:read_wos"), ("wos-tab", "table:read_wos_tab"),
                     ("scopus-csv", "table:read_scopus_csv"),
                     ("endnote", "tagged:read_endnote"), ("refworks", "tagged:read_refworks"),
                     ("noteexpress", "tagged:read_noteexpress"),
                     ("estudy", "tagged:read_estudy"), ("paper", "paper:read_paper"),
                     ("cnki", "cnki:read_cnki"), ("text", "text:read_text"),
                     ("jsonl", "jsonl:read_jsonl")]:
    READERS.register(_name, f"summarizer.ingest.{_path}")
FORMATS = READERS.names()
PROGRESS_MIN_FILES = 5  # no progress bar for a handful of files

Reader = Callable[[str, str], Iterator[Record | Quarantined]]


@dataclass
class IngestReport:
    """What ``ingest`` read. files: ``[{"source", "format", "records", "quarantined",
    "status"}]`` with status ``ok``, ``partial`` (some records quarantined), ``quarantined``
    or ``skipped`` (not a bibliographic record: code, a README, notes)."""

    n_records: int = 0
    n_quarantined: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)


def get_reader(fmt: str) -> Reader:
    """The reader function registered as ``fmt``; raises UnknownFormat for other names."""
    if fmt not in READERS.names():
        raise UnknownFormat(fmt, FORMATS)
    return READERS.get(fmt)


def walk(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """``(file, source)`` for each input file: a file given directly has its name as source;
    a folder is walked recursively in sorted order, hidden files and folders skipped, each
    file's source being its path relative to the folder (POSIX form). Two inputs that would
    get the same source (``a/export.ris`` and ``b/export.ris`` given as folders ``a`` and
    ``b``) are told apart by their full path. A link that leads nowhere is yielded too, so
    that reading it quarantines it rather than losing it."""
    seen: set[str] = set()
    for file, source in _files(paths):
        if source in seen:
            source = file.as_posix()
        seen.add(source)
        yield file, source


def _files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    for path in paths:
        if not path.is_dir():
            yield path, source_name(path.name)
            continue
        for file in sorted(path.rglob("*")):
            relative = file.relative_to(path)
            if any(p.startswith(".") for p in relative.parts):
                continue
            if file.is_file() or (file.is_symlink() and not file.exists()):
                yield file, source_name(relative.as_posix())


def source_name(name: str) -> str:
    """A file name as text that can be written anywhere: bytes of a name that are not UTF-8
    (``caf\\xe9.ris`` from a Latin-1 system) are written as ``\\xe9`` escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_paths(paths: list[Path], fmt: str | None = None) -> Iterator[Record | Quarantined]:
    """Records and Quarantined inputs of every file under ``paths``, file by file."""
    if fmt is not None:
        get_reader(fmt)
    empty = True
    for path, source in walk(paths):
        empty = False
        yield from read_file(path, fmt, source)
    if empty:
        names = ", ".join(p.as_posix() for p in paths)
        raise InputError(names, "no input files (hidden files are skipped)")


def read_file(path: Path, fmt: str | None = None,
              source: str | None = None) -> list[Record | Quarantined]:
    """Records of one file (and a Quarantined for each part that could not be read)."""
    source = source or path.name
    reader = get_reader(fmt) if fmt is not None else None
    try:
        text, encoding = decode_bytes(path.read_bytes(), source)
    except InputError as ex:
        return [quarantine(source, ex.reason)]
    except OSError as ex:
        return [quarantine(source, f"cannot read the file ({ex.strerror}); check its path "
                                   "and permissions")]
    detected = fmt is None
    fmt = fmt or detect_format(text)
    markup = text.lstrip("\ufeff \t\r\n").startswith(("<", "{"))
    reason = why_not_a_record(text, fmt == "text") if detected and fmt in ("text", None) \
        and not markup else None
    if reason:
        return [Skipped(source=source, reason=f"{one_line(source)}: {reason}")]
    if fmt is None:
        return [quarantine(source, "unknown format: not a bibliographic export, JSON Lines or "
                                   f"prose; use --format {'|'.join(FORMATS)}")]
    items = _run(reader or get_reader(fmt), text, source, fmt)
    if encoding not in ("utf-8", "utf-8-sig"):
        for item in items:
            if isinstance(item, Record):
                item.warnings.append(TextWarning("encoding", None, None, "",
                                                 f"decoded as {encoding}, not UTF-8"))
    return items or [quarantine(source, f"no {fmt} records found; check the file or force "
                                        "another --format")]


def _run(reader: Reader, text: str, source: str, fmt: str) -> list[Record | Quarantined]:
    """All items a reader yields; a reader failure after some records keeps those records
    and quarantines the rest of the file."""
    items: list[Record | Quarantined] = []
    try:
        for item in reader(text, source):
            items.append(item)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as ex:
        items.append(quarantine(source, f"the {fmt} reader failed after {len(items)} record(s) "
                                        f"({type(ex).__name__}: {ex}); check the file",
                                index=len(items)))
    return items


def ingest(paths: list[Path], output: Path | None = None, fmt: str | None = None,
           progress: bool = False) -> IngestReport:
    """Read ``paths`` and write one Record per line as JSON Lines to ``output`` (stdout when
    None); each quarantined input is reported as one line on stderr."""
    if fmt is not None:
        get_reader(fmt)
    files = list(walk(paths))
    report = IngestReport()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for path, source in _progress(files, progress):
            _ingest_file(path, source, fmt, out, report)
    finally:
        if output:
            out.close()
    return report


def _ingest_file(path: Path, source: str, fmt: str | None, out, report: IngestReport) -> None:
    """Read one file, write its Records to ``out``, add it to ``report``."""
    items = read_file(path, fmt, source)
    records = [i for i in items if isinstance(i, Record)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    bad = [i for i in items if isinstance(i, Quarantined) and not isinstance(i, Skipped)]
    for record in records:
        out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    for item in bad:
        sys.stderr.write(item.reason + "\n")
    for item in skipped:
        sys.stderr.write(f"skipped: {item.reason}\n")
    report.n_records += len(records)
    report.n_quarantined += len(bad)
    report.quarantined += bad
    report.skipped += skipped
    status = "skipped" if skipped else "quarantined" if not records else \
        "partial" if bad else "ok"
    formats = sorted({r.format for r in records})
    report.files.append({"source": source, "format": formats[0] if formats else None,
                         "records": len(records), "quarantined": len(bad), "status": status})


def _progress(files: list[tuple[Path, str]], show: bool) -> Iterator[tuple[Path, str]]:
    """Iterate ``files``, with a rich progress bar on stderr when asked and worth it."""
    if not show or len(files) <= PROGRESS_MIN_FILES:
        yield from files
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=len(files))
        for item in files:
            yield item
            bar.advance(task)
