"""Engines that run the per-study stages (align, extract, summarize) of ``summarizer run``.

Grouping is a global step and stays in the driver; each engine takes batches of
``(index, key, Study)`` and gives back, as they finish, one ``StudyResult`` per study:

  local  in this process (``--workers 1``) or a pool of ``--workers N`` processes
  ray    one model-holding actor per worker on a Ray cluster (``--ray-address``), or on a
         Ray instance started here

Every worker calls ``summarizer.pipeline.run_study`` on one study at a time, with models loaded
once per worker and caches that live for one study, so a study's output depends on the study
and the settings alone, whichever engine and worker ran it. Workers write a study's files
into ``OUT/.work/staging/<key>/`` and move them into ``OUT`` (a shared folder on a cluster).
Ray is imported only by the ray engine.
"""

from __future__ import annotations

import os
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.schema import Study

ENGINES = ("local", "ray")
Batch = list[tuple[int, str, Study]]  # (place in the run's study order, key, study)


@dataclass
class StudyResult:
    """One processed study: its ``studies.jsonl`` line and the errors of failed stages."""

    index: int
    key: str
    line: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    sentences: int = 0  # sentences aligned
    seconds: float = 0.0

    def journal_record(self) -> dict[str, Any]:
        return {"study_id": self.line["study_id"], "failed_stages": self.line["failed_stages"],
                "errors": self.errors, "sentences": self.sentences, "line": self.line}


TRIM_EVERY_S = 10  # seconds between a worker's returns of freed memory (each a few ms)


class StudyWorker:
    """Processes batches of studies into ``out_dir``; one per process (or Ray actor)."""

    def __init__(self, out_dir: Path, settings: Any):
        self.out_dir, self.settings = Path(out_dir), settings
        self.trimmed = time.monotonic()

    def process(self, batch: Batch) -> list[StudyResult]:
        from summarizer.journal import WORK, publish
        from summarizer.models import return_freed_memory
        from summarizer.pipeline import batch_encoder, run_study

        results = []
        encoder = batch_encoder([study for _, _, study in batch], self.settings.model)
        for index, key, study in batch:
            began = time.perf_counter()
            staging = self.out_dir / WORK / "staging" / key
            line, errors, sentences = run_study(study, staging, self.settings, encoder)
            publish(staging, self.out_dir)
            results.append(StudyResult(index, key, line, errors, sentences,
                                       round(time.perf_counter() - began, 3)))
        if time.monotonic() - self.trimmed > TRIM_EVERY_S:  # flat memory over a long run
            return_freed_memory()
            self.trimmed = time.monotonic()
        return results

    def ready(self) -> bool:
        return True


class Engine(ABC):
    """Runs batches and yields their results as they finish. ``start_seconds``: the time it
    took to start (processes, Ray); ``workers``: how many run at once."""

    start_seconds: float = 0.0
    workers: int = 1

    @abstractmethod
    def run(self, batches: Iterable[Batch]) -> Iterator[list[StudyResult]]:
        """Each batch's results, in the order the batches finish."""

    def close(self) -> None:  # noqa: B027 - a default: an engine with no workers stops nothing
        """Stop the workers (the engine cannot run again)."""


class InProcess(Engine):
    def __init__(self, out_dir: Path, settings: Any):
        self.worker = StudyWorker(out_dir, settings)

    def run(self, batches: Iterable[Batch]) -> Iterator[list[StudyResult]]:
        for batch in batches:
            yield self.worker.process(batch)


_WORKER: StudyWorker | None = None  # the worker of a pool process


def _start_pool_worker(out_dir: Path, settings: Any, threads: int) -> None:
    global _WORKER
    os.environ["OMP_NUM_THREADS"] = str(threads)  # before torch is imported in this process
    _WORKER = StudyWorker(out_dir, settings)


def _pool_process(batch: Batch) -> list[StudyResult]:
    assert _WORKER is not None
    return _WORKER.process(batch)


class ProcessPool(Engine):
    """``workers`` processes (spawned, so none inherits the driver's memory), each loading the
    models once; at most two batches per worker are in flight."""

    def __init__(self, out_dir: Path, settings: Any, workers: int):
        import multiprocessing

        began = time.perf_counter()
        threads = max(1, (os.cpu_count() or 1) // workers)
        self.workers = workers
        self.pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_pool_worker, initargs=(out_dir, settings, threads))
        self.start_seconds = time.perf_counter() - began

    def run(self, batches: Iterable[Batch]) -> Iterator[list[StudyResult]]:
        pending: set[Future] = set()
        for batch in batches:
            pending.add(self.pool.submit(_pool_process, batch))
            if len(pending) >= 2 * self.workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in finished)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in finished)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class RayEngine(Engine):
    """One ``StudyWorker`` actor per worker (one CPU each), batches handed to the actor with
    the fewest in flight (at most two each)."""

    def __init__(self, out_dir: Path, settings: Any, workers: int | None,
                 address: str | None):
        try:
            import ray
        except ImportError as ex:
            raise SummarizerError("--engine ray needs Ray; run `pip install "
                                  "'summarizer[ray]'` (or `pip install 'ray>=2.40'`)") from ex
        began = time.perf_counter()
        self.ray, self.started_here = ray, not ray.is_initialized()
        if self.started_here:
            ray.init(address=address, include_dashboard=False, log_to_driver=False,
                     num_cpus=None if address else workers, configure_logging=False)
        if workers is None:
            workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        # the driver's SUMMARIZER_* settings (model home, tagger folder) hold on every node
        env = {k: v for k, v in os.environ.items() if k.startswith("SUMMARIZER_")}
        actor = ray.remote(num_cpus=1)(StudyWorker).options(
            runtime_env={"env_vars": env} if env else None)
        self.actors = [actor.remote(out_dir, settings) for _ in range(workers)]
        self.workers = workers
        ray.get([a.ready.remote() for a in self.actors])
        self.start_seconds = time.perf_counter() - began

    def run(self, batches: Iterable[Batch]) -> Iterator[list[StudyResult]]:
        load = dict.fromkeys(range(len(self.actors)), 0)
        owner: dict[Any, int] = {}
        for batch in batches:
            if len(owner) >= 2 * len(self.actors):
                yield from self._collect(owner, load)
            which = min(load, key=lambda i: (load[i], i))
            owner[self.actors[which].process.remote(batch)] = which
            load[which] += 1
        while owner:
            yield from self._collect(owner, load)

    def _collect(self, owner: dict[Any, int], load: dict[int, int]
                 ) -> Iterator[list[StudyResult]]:
        (ref,), _ = self.ray.wait(list(owner), num_returns=1)
        load[owner.pop(ref)] -= 1
        yield self.ray.get(ref)

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        if self.started_here:
            self.ray.shutdown()


def check_engine(name: str, ray_address: str | None) -> None:
    """Raise the user's error for an unknown engine or an address that only Ray takes."""
    if name not in ENGINES:
        raise SummarizerError(f"unknown engine {name!r}; use --engine {'|'.join(ENGINES)}")
    if ray_address and name != "ray":
        raise SummarizerError("--ray-address needs --engine ray")


def make_engine(name: str, out_dir: Path, settings: Any, workers: int | None = None,
                ray_address: str | None = None) -> Engine:
    """The engine ``name`` ('local' or 'ray') with ``workers`` workers (local default 1;
    ray default: one per CPU of the cluster)."""
    check_engine(name, ray_address)
    if name == "ray":
        return RayEngine(out_dir, settings, workers, ray_address)
    if (workers or 1) <= 1:
        return InProcess(out_dir, settings)
    return ProcessPool(out_dir, settings, workers)
