"""The whole pipeline: files → Records → Studies → alignment, facts, summaries → output folder.

``run`` writes into the output folder:
  studies.jsonl    one study a line (the DESIGN.md contract)
  report.json      every input file and record, ok or quarantined with the reason
  studies/<id>/    per-study summaries and, for bilingual records, alignments
  quarantine.jsonl the inputs that could not be read, with the reason
  overview.md/html one row per study
  timings.json     how long each step took (the only output that differs between two runs)
  .work/           the journal of finished studies, so that a rerun (also after ``kill -9``)
                   resumes where the run stopped (``summarizer.journal``)

Memory stays flat as the input grows, apart from grouping (a global step that needs every
record): after it the studies are spooled to disk and brought back a batch at a time, each
study's files are written as it finishes, and the final files are assembled from the journal.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer import __version__
from summarizer.errors import SummarizerError
from summarizer.group import group_records, join_across_languages
from summarizer.schema import (
    SCHEMA_VERSION,
    Alignment,
    Facts,
    Quarantined,
    Record,
    Skipped,
    Study,
)
from summarizer.summarize.check import folder_name

if TYPE_CHECKING:
    from summarizer.models import Encoder

ALIGNMENT_FORMATS = ("tsv", "tmx", "xliff", "html")
# What a stage may raise on one study's odd input; the study is reported and the batch goes on.
STAGE_ERRORS = (SummarizerError, ValueError, KeyError, IndexError, TypeError, RuntimeError,
                OSError)
# Studies per batch a worker takes: it encodes their sentences in one pass (fuller batches),
# fewer when the run is small, so that each worker gets at least two batches
STUDY_BATCH = 8


@dataclass(frozen=True)
class Settings:
    """What a run's output depends on besides its input; ``key`` hashes it all."""

    model: Path | None = None
    template_dir: Path | None = None
    tagger: Callable[[str, str], Any] | None = None  # PICO tagger: (text, lang) -> spans
    docx: bool = False  # also write each summary as a Word document

    @cached_property
    def key(self) -> str:
        """Hash of the version, the model and template files (the packaged templates too: an
        edited template renders again), the encoders' precision, and whether a tagger is used."""
        from summarizer.summarize.render import packaged_dir

        precisions = [os.environ.get(f"SUMMARIZER_{name}_PRECISION", "") for name in
                      ("ENCODER", "PICO")]
        settings = (f"{__version__}\n{self.model}\n{self.template_dir}\n"
                    f"{self.tagger is not None}\n{self.docx}\n{precisions}")
        digest = hashlib.sha256(settings.encode())
        folders = [packaged_dir(), self.template_dir, self.model,
                   tagger_model_dir() if self.tagger else None]
        for folder in filter(None, folders):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(path.name.encode() + path.read_bytes())
        return digest.hexdigest()


@dataclass
class RunReport:
    """What happened to every input: files, records, and the studies they ended in."""

    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    studies: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the run is degraded, not failed

    @property
    def n_quarantined(self) -> int:
        return len(self.quarantined)

    def summary_line(self) -> str:
        n_ok = sum(r["status"] == "ok" for r in self.records)
        return (f"{len(self.files)} files, {n_ok} records read, {self.n_quarantined} quarantined, "
                f"{len(self.skipped)} files skipped, {len(self.studies)} studies")

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": __version__,
            "counts": {
                "files": len(self.files),
                "records_ok": sum(r["status"] == "ok" for r in self.records),
                "quarantined": self.n_quarantined,
                "skipped": len(self.skipped),
                "studies": len(self.studies),
            },
            "files": sorted(self.files.values(), key=lambda f: f["source"]),
            "records": self.records,
            "quarantined": [q.to_dict() for q in self.quarantined],
            "skipped": [s.to_dict() for s in self.skipped],
            "studies": self.studies,
            "errors": self.errors,  # why a study's stage failed, one line each
            "warnings": self.warnings,
        }


def run(paths: list[Path], out_dir: Path, fmt: str | None = None, model: Path | None = None,
        template_dir: Path | None = None, progress: bool = True,
        docx: bool = False, engine: str = "local", workers: int | None = None,
        ray_address: str | None = None, batch_size: int | None = None) -> RunReport:
    """Run every stage over ``paths`` and write the output folder; returns the report.

    ``engine`` ('local' or 'ray'), ``workers`` and ``ray_address`` choose who runs the
    per-study stages (``summarizer.engine``); the output is the same byte for byte. Studies
    finished by an earlier run into ``out_dir`` with the same records and settings are not
    processed again."""
    from summarizer.engine import check_engine
    from summarizer.journal import WORK, Journal, Spool
    from summarizer.models import return_freed_memory

    check_engine(engine, ray_address)
    clock = Clock()
    out_dir.mkdir(parents=True, exist_ok=True)
    report = RunReport()
    records = read_records(paths, fmt, report, progress)
    clock.lap("read")
    studies = group_studies(records, model)
    del records
    return_freed_memory()  # grouping's encoder passes leave a heap of freed memory
    clock.lap("group")
    settings = Settings(model, template_dir, pico_tagger(report), docx)
    refs = [StudyRef.of(i, study, settings) for i, study in enumerate(studies)]
    work = out_dir / WORK
    journal = Journal(work / "journal.jsonl")
    todo = [ref for ref in refs if not journal.done(ref.key, out_dir)]
    spool = Spool(work / "studies.spool", studies)
    del studies
    clock.lap("spool")
    try:
        sentences, workers = process_studies(
            todo, spool, journal, out_dir, settings, progress, clock, engine=engine,
            workers=workers, ray_address=ray_address, batch_size=batch_size)
        assemble(refs, journal, out_dir, report, template_dir)
    finally:
        journal.close()
    spool.path.unlink(missing_ok=True)
    shutil.rmtree(work / "staging", ignore_errors=True)
    clock.lap("assemble")
    clock.write(out_dir / "timings.json", engine=engine, workers=workers,
                records=sum(len(r.records) + len(r.links) for r in refs), studies=len(refs),
                studies_processed=len(todo), studies_resumed=len(refs) - len(todo),
                sentences_aligned=sentences)
    return report


@dataclass(frozen=True)
class StudyRef:
    """What the driver keeps of a study while workers process it: its place, its key and
    what ``report.json`` says of its records (no texts)."""

    index: int
    study_id: str
    key: str
    records: tuple[tuple[str, int, str], ...]  # (source, index, id)
    links: tuple[tuple[str, str, float], ...]  # (source, record id, confidence)

    @classmethod
    def of(cls, index: int, study: Study, settings: Settings) -> StudyRef:
        return cls(index, study.study_id, study_key(study, settings),
                   tuple((r.source, r.index, r.id) for r in study.records),
                   tuple((k.source, k.record_id, k.confidence) for k in study.links))


def process_studies(todo: list[StudyRef], spool: Any, journal: Any, out_dir: Path,
                    settings: Settings, progress: bool, clock: Clock, *, engine: str,
                    workers: int | None, ray_address: str | None,
                    batch_size: int | None) -> tuple[int, int]:
    """Hand the studies of ``todo`` to the engine in batches and journal each result as it
    comes back; returns (sentences aligned, workers that ran)."""
    from summarizer.engine import make_engine
    from summarizer.models import release_encoders

    if not todo:
        return 0, 0
    if engine != "local" or (workers or 1) > 1:
        release_encoders()  # the workers load their own
    runner = make_engine(engine, out_dir, settings, workers, ray_address)
    clock.note("engine_start", runner.start_seconds)
    size = batch_size or max(1, min(STUDY_BATCH, len(todo) // (2 * runner.workers)))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    batches = ([(ref.index, ref.key, study)
                for ref, study in zip(chunk, spool.read([r.index for r in chunk]), strict=True)]
               for chunk in chunks)
    sentences, study_seconds = 0, 0.0
    driver, children = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    try:
        with progress_bar(progress and len(todo) > 1, "studies", len(todo)) as advance:
            for results in runner.run(batches):
                for result in results:
                    journal.append(result.key, result.journal_record())
                    sentences += result.sentences
                    study_seconds += result.seconds
                    clock.first("first_study")
                    advance()
    finally:
        runner.close()
    clock.lap("process")
    # where the processing time went: in the studies (summed over workers), and the CPU time
    # of the driver and of the worker processes (those that have exited: a process pool's)
    clock.note("studies", study_seconds)
    clock.note("driver_cpu", cpu_seconds(resource.RUSAGE_SELF) - driver)
    clock.note("workers_cpu", cpu_seconds(resource.RUSAGE_CHILDREN) - children)
    return sentences, runner.workers


def cpu_seconds(who: int) -> float:
    """User plus system CPU seconds of ``resource.RUSAGE_SELF`` or ``RUSAGE_CHILDREN``."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def assemble(refs: list[StudyRef], journal: Any, out_dir: Path, report: RunReport,
             template_dir: Path | None) -> None:
    """Write studies.jsonl, quarantine.jsonl, the overview and report.json from the journal,
    in study order, each file whole or not at all; then keep only this run's journal."""
    from summarizer.journal import WORK, atomic_writer, publish, write_atomic

    with atomic_writer(out_dir / "studies.jsonl") as f:
        for ref in refs:
            entry = journal.read(ref.key)
            report.errors.extend(entry["errors"])
            account_for_ref(ref, report, entry["line"])
            f.write(json.dumps(entry["line"], ensure_ascii=False) + "\n")
    write_atomic(out_dir / "quarantine.jsonl", "".join(
        json.dumps(q.to_dict(), ensure_ascii=False) + "\n" for q in report.quarantined))
    staging = out_dir / WORK / "staging" / "overview"
    write_overview_of(read_lines(out_dir / "studies.jsonl"), staging, template_dir, report)
    publish(staging, out_dir)
    write_atomic(out_dir / "report.json",
                 json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    journal.compact(ref.key for ref in refs)


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The study lines of a studies.jsonl, one at a time."""
    with path.open(encoding="utf-8") as f:
        for text in f:
            yield json.loads(text)


class Clock:
    """Wall-clock seconds of a run's steps, for ``timings.json`` (never in other outputs)."""

    def __init__(self) -> None:
        self.began = self.last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[f"{name}_s"] = round(now - self.last, 3)
        self.last = now

    def note(self, name: str, seconds: float) -> None:
        self.seconds[f"{name}_s"] = round(seconds, 3)

    def first(self, name: str) -> None:
        """The time since the start at the first call with ``name``."""
        self.seconds.setdefault(f"{name}_s", round(time.perf_counter() - self.began, 3))

    def write(self, path: Path, **counts: Any) -> None:
        total = round(time.perf_counter() - self.began, 3)
        path.write_text(json.dumps({**counts, **self.seconds, "total_s": total}, indent=2)
                        + "\n", encoding="utf-8")


def extract_to_jsonl(paths: list[Path], output: Path, fmt: str | None = None,
                     progress: bool = True) -> RunReport:
    """The facts stage alone: read ``paths`` (any input format, or the Records a
    ``summarizer ingest`` wrote), group them into studies and write each study's
    ``studies.jsonl`` line with its facts (no alignments, no summaries) to ``output``."""
    report = RunReport()
    studies = group_studies(read_records(paths, fmt, report, progress), None)
    tagger, lines = pico_tagger(report), []
    for study in studies:
        line = study_line(study)
        try:
            line.update(extract_study(study, tagger))
            line["failed_stages"] = []
        except STAGE_ERRORS as ex:
            line["failed_stages"] = ["extract"]
            report.errors.append(f"study {study.study_id}: extract: {type(ex).__name__}: {ex}")
        lines.append(line)
        account_for(study, report, line)
    write_jsonl(output, lines)
    return report


def summarize_jsonl(studies_jsonl: Path, out_dir: Path, template_dir: Path | None = None,
                    docx: bool = False) -> tuple[int, list[str]]:
    """The summaries stage alone: write every study's summaries (and the overview) from a
    ``studies.jsonl``; returns (studies summarized, one error line per study that could not
    be: a line that is not JSON, facts that do not fit the schema, a template error)."""
    summarized: set[int] = set()  # line numbers; the overview reads their lines again
    errors: list[str] = []
    for number, line in read_study_lines(studies_jsonl, errors):
        try:
            summarize_study(line, out_dir, template_dir, docx)
            summarized.add(number)
        except SummarizerError as ex:
            errors.append(f"{studies_jsonl}, line {number}: {ex}")
    if summarized:
        from summarizer.summarize import write_overview

        write_overview((line for number, line in read_study_lines(studies_jsonl, [])
                        if number in summarized), out_dir, template_dir)
    return len(summarized), errors


def read_study_lines(path: Path, errors: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, study line) of a ``studies.jsonl``, the facts read through the typed
    schema (a version-1 line gains the newer fields, empty); a bad line is an error line."""
    with path.open(encoding="utf-8") as f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
                line["facts"] = Facts.from_dict(line.get("facts") or {}).to_dict()
            except (ValueError, TypeError, AttributeError) as ex:
                errors.append(f"{path}, line {number}: not a study line of studies.jsonl "
                              f"({type(ex).__name__}: {ex})")
                continue
            line["schema_version"] = SCHEMA_VERSION
            yield number, line


# Texts encoded at a time when grouping, the freed memory returned after each: grouping
# 10,000 built records (5,000 single-language texts encoded) peaked at 2,362 MB and held
# 2,235 MB after; 256 at a time, 1,418 MB and 1,081 MB.
GROUP_ENCODE_CHUNK = 256


def group_studies(records: list[Record], model: Path | None) -> list[Study]:
    """Records grouped into studies, English and Chinese versions of one article joined by the
    encoder (loaded only when both languages have single-language studies)."""
    import numpy as np

    from summarizer.models import load_encoder, return_freed_memory

    encoder = None

    def encode(texts: list[str]) -> Any:
        nonlocal encoder
        encoder = encoder or load_encoder(model).fresh()  # caches for this grouping only
        parts = []
        for start in range(0, len(texts), GROUP_ENCODE_CHUNK):  # memory stays flat
            parts.append(encoder.encode(texts[start:start + GROUP_ENCODE_CHUNK]))
            return_freed_memory()
        return np.concatenate(parts) if parts else encoder.encode([])

    return join_across_languages(group_records(records), encode)


def read_records(paths: list[Path], fmt: str | None, report: RunReport,
                 progress: bool) -> list[Record]:
    """Read every input, noting each file and record in ``report``; returns the good records."""
    from summarizer.ingest import read_paths

    records = []
    with progress_bar(progress, "reading", None) as advance:
        for item in read_paths(paths, fmt):
            entry = report.files.setdefault(
                item.source, {"source": item.source, "records": 0, "quarantined": 0}
            )
            if isinstance(item, Skipped):
                entry["status"] = "skipped"
                report.skipped.append(item)
                report.records.append({"source": item.source, "index": None,
                                       "status": "skipped", "reason": item.reason})
            elif isinstance(item, Quarantined):
                entry["quarantined"] += 1
                report.quarantined.append(item)
                report.records.append({"source": item.source, "index": item.index,
                                       "status": "quarantined", "reason": item.reason})
            else:
                entry["records"] += 1
                entry.setdefault("format", item.format)
                if item.normalized == item.text:
                    item.normalized = item.text  # one string, not two: records wait for grouping
                records.append(item)
            advance()
    for entry in report.files.values():
        if entry.get("status") != "skipped":
            entry["status"] = "ok" if not entry["quarantined"] else (
                "partial" if entry["records"] else "quarantined")
    return records


def process_study(study: Study, out_dir: Path, report: RunReport,
                  settings: Settings) -> dict[str, Any]:
    """Align, extract and summarize one study into ``out_dir``; returns its ``studies.jsonl``
    line (a stage that fails is noted in ``report.errors`` and the others still run)."""
    line, errors, _ = run_study(study, out_dir, settings)
    report.errors.extend(errors)
    return line


def run_study(study: Study, out_dir: Path, settings: Settings,
              encoder: Encoder | None = None) -> tuple[dict[str, Any], list[str], int]:
    """Align, extract and summarize one study, writing its files under ``out_dir``:
    (its ``studies.jsonl`` line, one error line per failed stage, sentences aligned).

    A stage that fails on this study is recorded and the others go on. The encoder's caches
    live for this study alone (or for its batch: ``batch_encoder``, which gives the same
    vectors), so the result depends on nothing processed before it."""
    line = study_line(study)
    study_dir = out_dir / "studies" / folder_name(study.study_id)
    aligned: dict[str, Alignment] = {}  # record id → alignment, for the facts' wording
    stages: list[tuple[str, Callable[[], None]]] = [
        ("align", lambda: line.update(
            alignments=align_study(study, study_dir, out_dir, settings.model, aligned,
                                   encoder))),
        ("extract", lambda: line.update(extract_study(study, settings.tagger, aligned))),
        ("summarize", lambda: line.update(
            summaries=summarize_study(line, out_dir, settings.template_dir, settings.docx))),
    ]
    failed, errors = [], []
    for name, stage in stages:
        try:
            stage()
        except STAGE_ERRORS as ex:
            failed.append(name)
            errors.append(f"study {study.study_id}: {name}: {type(ex).__name__}: {ex}")
    line["failed_stages"] = failed
    sentences = sum(len(a.en) + len(a.zh) for a in aligned.values())
    return line, errors, sentences


def study_key(study: Study, settings: Settings) -> str:
    """A content hash of everything a study's output depends on."""
    digest = hashlib.sha256(settings.key.encode())
    for record in study.records:
        digest.update(json.dumps(record.to_dict(), sort_keys=True).encode())
    for link in study.links:
        digest.update(json.dumps(link.to_dict(), sort_keys=True).encode())
    return digest.hexdigest()[:32]


def account_for_ref(ref: StudyRef, report: RunReport, line: dict[str, Any]) -> None:
    """Note a processed study's records and links in the report."""
    for source, index, record_id in ref.records:
        report.records.append({"source": source, "index": index, "id": record_id,
                               "status": "ok", "study_id": ref.study_id})
    for source, record_id, confidence in ref.links:
        report.records.append({"source": source, "id": record_id, "status": "ok",
                               "linked_to": ref.study_id, "confidence": confidence})
    report.studies.append({"study_id": ref.study_id, "sources": line["sources"],
                           "failed_stages": line["failed_stages"]})


def account_for(study: Study, report: RunReport, line: dict[str, Any]) -> None:
    """Note the study's records and links in the report."""
    for record in study.records:
        report.records.append({"source": record.source, "index": record.index, "id": record.id,
                               "status": "ok", "study_id": study.study_id})
    for link in study.links:
        report.records.append({"source": link.source, "id": link.record_id, "status": "ok",
                               "linked_to": study.study_id, "confidence": link.confidence})
    report.studies.append({"study_id": study.study_id, "sources": line["sources"],
                           "failed_stages": line["failed_stages"]})


def study_line(study: Study) -> dict[str, Any]:
    """The parts of a ``studies.jsonl`` line known from grouping alone."""
    return {
        "schema_version": SCHEMA_VERSION,
        "study_id": study.study_id,
        "sources": study.sources,
        "records": [{"id": r.id, "source": r.source, "format": r.format, "kind": r.kind}
                    for r in study.records],
        "links": [{"source": link.source, "confidence": link.confidence, "reason": link.reason}
                  for link in study.links],
        "identifiers": study.identifiers,
        "title": study.title,
        "facts": empty_facts(),
        "provenance": {},
        "conflicts": [c.to_dict() for c in study.conflicts],
        "reasons": study.reasons,
        "warnings": study_warnings(study.records),
        "alignments": [],
        "summaries": {},
    }


def empty_facts() -> dict[str, Any]:
    """The ``facts`` of the contract with nothing known: every field null or empty."""
    return Facts().to_dict()


def study_warnings(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Record warnings with offsets made file offsets (``record.offset + start``)."""
    warnings = []
    for record in records:
        for w in record.warnings:
            warnings.append({
                "source": record.source, "record": record.id, "kind": w.kind,
                "start": None if w.start is None else record.offset + w.start,
                "end": None if w.end is None else record.offset + w.end,
                "text": w.text, "message": w.message,
            })
    return warnings


def batch_encoder(studies: list[Study], model: Path | None) -> Encoder | None:
    """An encoder with caches of its own that hold the sentence vectors and token states of
    the studies' bilingual records, encoded in one pass (``encode_ahead``) for ``run_study``;
    None when no record is bilingual or the pass fails (each study's align stage then meets
    the failure itself and records it)."""
    from summarizer.align.pipeline import encode_ahead
    from summarizer.models import load_encoder

    bilingual = [r for study in studies for r in study.records
                 if {"en", "zh"} <= set(r.languages)]
    if not bilingual:
        return None
    try:
        encoder = load_encoder(model).fresh()
        encode_ahead(bilingual, encoder)
    except STAGE_ERRORS:
        return None
    return encoder


def align_study(study: Study, study_dir: Path, out_dir: Path, model: Path | None,
                aligned: dict[str, Alignment] | None = None,
                encoder: Encoder | None = None) -> list[dict[str, Any]]:
    """Align each bilingual record with ``encoder`` (default: the model's, with caches for
    this study); write its alignment in every export format (and keep it in ``aligned`` by
    record id)."""
    from summarizer.align import align_record, write_alignment
    from summarizer.models import load_encoder

    bilingual = [r for r in study.records if {"en", "zh"} <= set(r.languages)]
    if not bilingual:
        return []
    encoder = encoder or load_encoder(model).fresh()  # caches for this study only
    entries = []
    for record in bilingual:
        alignment = align_record(record, encoder)
        if alignment is None:
            continue
        if aligned is not None:
            aligned[record.id] = alignment
        stem = folder_name(f"alignment-{record.source}-{record.index}")
        files = {}
        for fmt in ALIGNMENT_FORMATS:
            path = study_dir / f"{stem}.{fmt}"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_alignment(alignment, path, fmt)
            files[fmt] = path.relative_to(out_dir).as_posix()
        flags = [f.kind for b in alignment.beads for f in b.flags]
        entries.append({"record": record.id, "beads": len(alignment.beads),
                        "flags": {k: flags.count(k) for k in sorted(set(flags))},
                        "files": files})
    return entries


def tagger_model_dir() -> Path:
    from summarizer.extract.tagger import model_dir

    return model_dir()


def pico_tagger(report: RunReport) -> Callable[[str, str], Any] | None:
    """The trained PICO tagger's ``tag_text`` when its model is there, else None, and a
    warning in ``report`` (facts are then read by patterns alone: say so, never silently)."""
    from summarizer.extract.tagger import CONFIG, tag_text

    if (tagger_model_dir() / CONFIG).is_file():
        return tag_text
    report.warnings.append(f"no trained PICO tagger in {tagger_model_dir()}: facts are read "
                           "by patterns alone (set SUMMARIZER_PICO_MODEL to its folder)")
    return None


def extract_study(study: Study, tagger: Callable[[str, str], Any] | None,
                  alignments: dict[str, Alignment] | None = None) -> dict[str, Any]:
    """facts, provenance, conflicts and warnings for the study's line."""
    from summarizer.extract.facts import extract_facts

    extracted = extract_facts(study, tagger, alignments).to_dict()
    return {
        "facts": extracted["facts"],
        "provenance": extracted["provenance"],
        "conflicts": [c.to_dict() for c in study.conflicts] + extracted["conflicts"],
        "warnings": study_warnings(study.records) + extracted["warnings"],
    }


def summarize_study(line: dict[str, Any], out_dir: Path, template_dir: Path | None,
                    docx: bool = False) -> dict[str, str]:
    from summarizer.summarize import write_summaries

    return write_summaries(line, out_dir, template_dir, docx)


def write_overview_of(lines: Iterable[dict[str, Any]], out_dir: Path, template_dir: Path | None,
                      report: RunReport) -> None:
    from summarizer.summarize import write_overview

    try:
        write_overview(lines, out_dir, template_dir)
    except SummarizerError as ex:
        report.errors.append(f"overview: {ex}")


def write_jsonl(path: Path, objects: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for obj in objects:
            f.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")


@contextmanager
def progress_bar(enabled: bool, label: str, total: int | None) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr (only when stderr is a terminal); yields the function
    that advances it by one."""
    from rich.console import Console

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
