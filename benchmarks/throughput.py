"""End-to-end throughput of `summarizer run`: records/s, sentences/s, peak memory and start-up
time for the local engine with 1 and 2 workers and for the Ray engine. Prints one JSON line.

    python benchmarks/throughput.py [--data ../shared/data] [--sizes 1000,10000]
                                    [--configs local1,local2,ray2] [--profile N]
                                    [--ceiling]

For each size an input folder is built in a temporary folder (never in the project) from the
dev data and ``corpus/``, in varied formats:
  30% bilingual JSON Lines (a WMT Medline abstract, English and Chinese, title and DOI),
  20% bilingual pasted text files (a WMT abstract, English then Chinese),
  20% English RIS records and 10% English MEDLINE records (PICO-Corpus abstracts),
  10% Chinese pasted text files and 10% Chinese JSON Lines (the Chinese of a WMT abstract),
plus the files of ``corpus/`` once. The dev sets hold 50 WMT and 1,011 PICO-Corpus
abstracts, so a record is a copy of one of them with its own DOI, and pasted texts and the
copies of a titled abstract get a title of their own (``Record 3f9a…``): no two records share
a title or an identifier, so each is a study of its own.

Each configuration runs ``summarizer run DIR --out OUT --quiet`` in a subprocess, with the
shipped PICO tagger as users run it. Peak memory is the largest sum, sampled every 0.2 s, of
the resident memory of the run's process and all its descendants (Ray's processes included).
``startup_s``: from the start to the first finished study, less that study's own time
(import, reading, grouping, model and engine start). ``bilingual_per_s``: bilingual records
over the time spent processing studies. ``--profile N`` also runs the local engine on the
first N records under cProfile and prints its top entries to stderr.

``study_mean_s``: seconds per study in the workers (model loading in each worker's first);
``driver_cpu_s`` and ``workers_cpu_s``: CPU seconds of the driver and of the pool's worker
processes while the studies were processed (with one worker, the driver does the work).
``--ceiling`` also measures what this machine allows: one pure-Python loop alone, then two
copies of it at once in two processes (``cores_speedup``: 2 × alone / together).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from qa_eval import documents  # noqa: E402  (the dev sets' readers)

# name: (engine, workers, torch threads of a one-worker run: None = torch's default, all cores)
CONFIGS = {"local1": ("local", 1, None), "local1-1thread": ("local", 1, 1),
           "local2": ("local", 2, None), "ray2": ("ray", 2, None)}
RSS_EVERY_S = 300  # a sample of the run's memory is kept this often (``rss_mb_timeline``)
# (kind, share of the records): the mix described above, in tenths
MIX = ["bi-jsonl"] * 3 + ["bi-text"] * 2 + ["en-ris"] * 2 + ["en-medline", "zh-text",
                                                              "zh-jsonl"]


def wmt_abstracts(data: Path) -> list[dict[str, str]]:
    """The WMT Medline en-zh abstracts: [{"en": text, "zh": text}]."""
    docs = documents(data / "align" / "wmt_medline_en2zh")
    return [{"en": " ".join(s["en"]), "zh": "".join(s["zh"])} for _, s in sorted(docs.items())]


def pico_abstracts(data: Path) -> list[tuple[str, str]]:
    """PICO-Corpus abstracts as (title: the first sentence, the rest)."""
    out = []
    for path in sorted((data / "pico" / "pico_corpus_breast_cancer").glob("*.txt")):
        text = " ".join(path.read_text("utf-8").split())
        title, _, rest = text.partition(". ")
        out.append((title + ".", rest))
    return out


def build_input(folder: Path, n: int, data: Path, mix: list[str] = MIX) -> dict[str, int]:
    """Write ``n`` records (plus ``corpus/``) under ``folder``; returns records per kind."""
    wmt, pico = wmt_abstracts(data), pico_abstracts(data)
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "corpus", folder / "corpus")
    jsonl, ris, medline = [], [], []
    counts: dict[str, int] = {}
    for i in range(n):
        kind = mix[i % len(mix)]
        counts[kind] = counts.get(kind, 0) + 1
        doc, (title, abstract) = wmt[i % len(wmt)], pico[i % len(pico)]
        doi = f"10.5555/bench.{i}"
        label = hashlib.sha1(doi.encode()).hexdigest()[:12]  # a title no other record has
        if i >= len(pico):  # a copy: its own title, or it would join the first as one study
            title = f"Record {label}"
        if kind == "bi-jsonl":
            jsonl.append({"abstract": {"en": doc["en"], "zh": doc["zh"]}, "doi": doi})
        elif kind == "zh-jsonl":
            jsonl.append({"abstract": doc["zh"], "doi": doi})
        elif kind == "bi-text":
            (folder / f"bi-{i:05d}.txt").write_text(
                f"Record {label}\n\n{doc['en']}\n\nDOI: {doi}\n\n{doc['zh']}\n",
                encoding="utf-8")
        elif kind == "zh-text":
            (folder / f"zh-{i:05d}.txt").write_text(
                f"研究记录 {label}\n\n{doc['zh']}\nDOI: {doi}\n", encoding="utf-8")
        elif kind == "en-ris":
            ris.append(f"TY  - JOUR\nTI  - {title}\nAB  - {abstract}\nDO  - {doi}\n"
                       f"PY  - 2020\nER  - \n")
        else:
            medline.append(f"PMID- {90000000 + i}\nTI  - {title}\nAB  - {abstract}\n"
                           f"LID - {doi} [doi]\n")
    for k in range(0, len(jsonl), 500):
        (folder / f"records-{k // 500:03d}.jsonl").write_text(
            "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in jsonl[k : k + 500]),
            encoding="utf-8")
    for k in range(0, len(ris), 200):
        (folder / f"export-{k // 200:03d}.ris").write_text("\n".join(ris[k : k + 200]),
                                                          encoding="utf-8")
    for k in range(0, len(medline), 200):
        (folder / f"pubmed-{k // 200:03d}.nbib").write_text("\n".join(medline[k : k + 200]),
                                                           encoding="utf-8")
    return counts


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(statm[1]) * page
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def run_config(inputs: Path, out: Path, engine: str, workers: int, threads: int | None = None,
               time_limit: float | None = None) -> dict[str, object]:
    """One ``summarizer run`` in a subprocess: its timings.json plus wall time and peak RSS,
    when the peak came (``peak_at_s``) and the RSS every ``RSS_EVERY_S`` seconds. ``threads``
    caps torch's threads (``OMP_NUM_THREADS``). With ``time_limit`` the run is killed (SIGKILL)
    after that many seconds if not done, and the figures are those of the studies it finished
    (``partial``: true)."""
    command = [sys.executable, "-m", "summarizer.cli", "run", str(inputs), "--out", str(out),
               "--quiet", "--engine", engine, "--workers", str(workers)]
    env = {**os.environ, **({"OMP_NUM_THREADS": str(threads)} if threads else {})}
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, env=env)
    peak, peak_at, timeline = 0, 0.0, []
    while process.poll() is None:
        rss, now = tree_rss(process.pid), time.perf_counter() - began
        if rss > peak:
            peak, peak_at = rss, now
        if now >= len(timeline) * RSS_EVERY_S:
            timeline.append(round(rss / 2**20))
        if time_limit and time.perf_counter() - began > time_limit:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            break
        time.sleep(0.2)
    wall = time.perf_counter() - began
    if process.returncode not in (0, 1) and not time_limit:
        raise SystemExit(f"{engine}/{workers}: exit {process.returncode}")
    memory = {"wall_s": round(wall, 1), "peak_rss_mb": round(peak / 2**20),
              "peak_at_s": round(peak_at), "rss_mb_timeline": timeline}
    if (out / "timings.json").exists():
        return {**memory, **json.loads((out / "timings.json").read_text())}
    return {**memory, "partial": True, **partial_timings(out)}


def partial_timings(out: Path) -> dict[str, object]:
    """What the journal of a killed run says: studies finished and sentences aligned."""
    journal = out / ".work" / "journal.jsonl"
    entries = []
    if journal.exists():
        for line in journal.read_text("utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
    return {"studies_processed": len(entries), "records": sum(
        len(e["line"]["records"]) + len(e["line"]["links"]) for e in entries),
        "sentences_aligned": sum(e["sentences"] for e in entries),
        "bilingual_done": sum(bool(e["line"]["alignments"]) for e in entries)}


def figures(run: dict, bilingual: int) -> dict[str, object]:
    """records/s, sentences/s (aligned sentences), bilingual/s, start-up of one run; for a
    run killed at the time limit, the rates of the studies it finished, over its wall time."""
    wall = run["wall_s"]
    out = {"wall_s": wall, "peak_rss_mb": run["peak_rss_mb"], "peak_at_s": run["peak_at_s"],
           "rss_mb_timeline": run["rss_mb_timeline"],
           "records_per_s": round(run["records"] / wall, 3),
           "sentences_per_s": round(run["sentences_aligned"] / wall, 2)}
    if run.get("partial"):
        return {**out, "partial": True, "studies_done": run["studies_processed"],
                "bilingual_done": run["bilingual_done"]}
    process = run.get("process_s") or 1e-9
    first_study = run.get("first_study_s", 0.0)
    per_study = process / max(run["studies_processed"], 1)
    return {**out, "bilingual_per_s": round(bilingual / process, 3),
            "startup_s": round(max(first_study - per_study, 0.0), 1),
            "read_s": run["read_s"], "group_s": run["group_s"], "process_s": run["process_s"],
            "engine_start_s": run.get("engine_start_s", 0.0),
            # per study in the workers, and the CPU time of driver and workers while processing
            "study_mean_s": round(run.get("studies_s", 0.0) / max(run["studies_processed"], 1),
                                  3),
            "driver_cpu_s": run.get("driver_cpu_s"), "workers_cpu_s": run.get("workers_cpu_s")}


def spin(_: int = 0) -> float:
    """Seconds of a fixed pure-Python loop (no memory traffic to speak of)."""
    began, total = time.perf_counter(), 0
    for i in range(20_000_000):
        total += i * i
    return time.perf_counter() - began


def cores_ceiling() -> dict[str, float]:
    """The loop alone, then two copies at once in two processes, five times each (medians):
    how close to linear two processes can get on this machine, whatever the program."""
    import multiprocessing

    rounds = 5  # the median of each, as the first rounds also warm the machine up
    alone = statistics.median(spin() for _ in range(rounds))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        together = statistics.median(max(pool.map(spin, range(2))) for _ in range(rounds))
    return {"alone_s": round(alone, 2), "together_s": round(together, 2),
            "cores_speedup": round(2 * alone / together, 2)}


def profile(inputs: Path, out: Path, top: int = 45) -> None:
    """cProfile of the local engine on ``inputs``; top entries by cumulative time to stderr."""
    from summarizer.pipeline import run

    profiler = cProfile.Profile()
    profiler.runcall(run, [inputs], out, progress=False)
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    print(stream.getvalue(), file=sys.stderr)
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(15)
    print(stream.getvalue(), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", default="1000", help="comma-separated record counts")
    parser.add_argument("--configs", default="local1,local2,ray2",
                        help=f"comma-separated, of {', '.join(CONFIGS)}")
    parser.add_argument("--profile", type=int, default=0,
                        help="also profile the local engine on this many records")
    parser.add_argument("--keep", type=Path, default=None, help="keep the inputs and outputs here")
    parser.add_argument("--bilingual-only", action="store_true",
                        help="only bilingual records (JSON Lines and pasted text)")
    parser.add_argument("--ceiling", action="store_true",
                        help="also time a pure-Python loop in one and in two processes")
    parser.add_argument("--time-limit", type=float, default=None,
                        help="kill a run after this many seconds and report what it finished")
    args = parser.parse_args()
    result: dict[str, object] = {"benchmark": "throughput", "cpus": os.cpu_count(),
                                 "load_avg_before": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        work = args.keep or Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            inputs = work / f"in-{size}"
            counts = build_input(inputs, size, args.data,
                                 MIX[:5] if args.bilingual_only else MIX)
            bilingual = counts.get("bi-jsonl", 0) + counts.get("bi-text", 0)
            entry: dict[str, object] = {"records": size, "bilingual": bilingual}
            for name in args.configs.split(","):
                engine, workers, threads = CONFIGS[name]
                print(f"throughput: {size} records, {name} ...", file=sys.stderr, flush=True)
                run = run_config(inputs, work / f"out-{size}-{name}", engine, workers, threads,
                                 args.time_limit)
                entry[name] = figures(run, bilingual)
            result[str(size)] = entry
        if args.profile:
            inputs = work / f"in-profile-{args.profile}"
            build_input(inputs, args.profile, args.data)
            profile(inputs, work / "out-profile")
    if args.ceiling:
        result["ceiling"] = cores_ceiling()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
