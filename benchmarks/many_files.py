"""Thousands of files: build a folder of mixed files, ingest it, check every file is accounted
for, and show that peak memory stays flat from 1,000 to 10,000 files.

    python benchmarks/many_files.py [--sizes 1000 10000] [--keep DIR]

The folder (in a temporary directory) holds good records of nine formats (RIS, MEDLINE,
PubMed XML, JSON Lines, EndNote, NoteExpress, E-Study in GB18030, Scopus CSV, WoS), empty and
blank files, binary files, truncated RIS and XML, a few huge files (megabytes: one long
pasted text, a JSON line with a huge abstract, random bytes), program code and a README,
files in folders nested 40 deep, and odd names (Chinese, spaces, a leading dash, 200
characters, bytes that are not UTF-8, a line break), plus hidden files (skipped by design) and
a link that leads nowhere. Each size is ingested in its own process (the library function
behind ``summarizer ingest``) so that its peak memory (``ru_maxrss``, and the Python heap's
peak by ``tracemalloc``) is its own. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

from fuzzing import FORMATS, Fields  # noqa: E402

EN = ("Background: Mesenchymal stromal cells were given to {n} patients with lupus. Methods: "
      "Each received 1×10⁶ cells/kg. Results: Disease activity fell in {k} of them (P<0.05). "
      "Conclusions: The infusions were safe.")
ZH = ("目的：观察间充质干细胞治疗狼疮的疗效。方法：{n}例患者接受输注。"
      "结果：{k}例缓解。结论：安全有效。")
GOOD = ["ris", "medline", "pubmed-xml", "jsonl", "endnote", "noteexpress", "estudy",
        "scopus-csv", "wos"]
EXTENSIONS = {"ris": "ris", "medline": "nbib", "pubmed-xml": "xml", "jsonl": "jsonl",
              "endnote": "enw", "noteexpress": "net", "estudy": "txt", "scopus-csv": "csv",
              "wos": "txt"}
CODE = "import os\n\n\ndef main():\n    return os.getcwd()\n\n\nclass A:\n    pass\n" * 3
README = "# Tool\n\nInstall it:\n\n```bash\npip install tool\n```\n"
ODD_NAMES = ["中文 文件名.ris", "with  two spaces.ris", "-leading-dash.ris", "x" * 200 + ".ris",
             "emoji 🧪.ris", "line\nbreak.ris", "tab\tname.ris", "quote'\"name.ris"]


def fields(n: int, rng: random.Random) -> Fields:
    k = rng.randint(1, n)
    return Fields(title_en=f"Cell therapy trial {n} in lupus", title_zh=f"干细胞治疗狼疮的研究{n}",
                  abstract_en=EN.format(n=n, k=k), abstract_zh=ZH.format(n=n, k=k),
                  authors=["Kamen, Diane", "王芳"], affiliation="MUSC, Charleston, USA",
                  journal="Lupus Sci Med", year="2022", doi=f"10.1136/lupus-{n}",
                  pmid=str(30_000_000 + n), keywords=["lupus", "MSC"])


def good_file(fmt: str, i: int, rng: random.Random) -> tuple[bytes, int]:
    """A file of 1-3 good records of ``fmt``: ``(bytes, number of records)``."""
    records = [fields(i * 10 + j + 2, rng) for j in range(rng.randint(1, 3))]
    text = FORMATS[fmt].file(records)
    return text.encode("gb18030" if fmt == "estudy" else "utf-8"), len(records)


def bad_file(kind: str, i: int, rng: random.Random) -> bytes:
    if kind == "empty":
        return b""
    if kind == "blank":
        return b" \n\t\n"
    if kind == "binary":
        return b"\x89PNG\r\n\x1a\n\x00" + rng.randbytes(2_000)
    if kind == "truncated-ris":
        data, _ = good_file("ris", i, rng)
        return data[:len(data) - 30]  # inside the last record, before its end tag
    if kind == "truncated-xml":
        data, _ = good_file("pubmed-xml", i, rng)
        return data[:len(data) // 2]
    if kind == "code":
        return CODE.encode()
    return README.encode()


BAD = ["empty", "blank", "binary", "truncated-ris", "truncated-xml", "code", "readme"]


def huge_files(folder: Path, megabytes: float, rng: random.Random) -> list[str]:
    """Three files of about ``megabytes`` MB: pasted text, a JSON line, random bytes."""
    size = int(megabytes * 1_000_000)
    paragraph = EN.format(n=40, k=30) + "\n\n"
    text = "A very long pasted report\n\n" + paragraph * (size // len(paragraph))
    line = json.dumps({"title": "Huge", "abstract": (EN.format(n=1, k=1) + " ") * (size // 200)})
    (folder / "huge").mkdir()
    (folder / "huge" / "pasted.txt").write_text(text, encoding="utf-8")
    (folder / "huge" / "one line.jsonl").write_text(line + "\n", encoding="utf-8")
    (folder / "huge" / "random.bin").write_bytes(rng.randbytes(size))
    return ["huge/pasted.txt", "huge/one line.jsonl", "huge/random.bin"]


def build(folder: Path, n_files: int, seed: int = 0, huge_mb: float = 3.0) -> dict:
    """Write ``n_files`` mixed files under ``folder``; returns what was written: ``expected``
    (the sources ingest must report, sorted), ``hidden`` (files skipped by design) and
    ``records`` (good records written)."""
    rng = random.Random(seed)
    expected = huge_files(folder, huge_mb, rng)
    hidden = 0
    records = 0
    deep = Path(*[f"level{d}" for d in range(40)])
    for i in range(n_files - len(expected) - 2):
        kind = (GOOD + BAD)[i % (len(GOOD) + len(BAD))]
        sub = Path(f"batch{i // 500:03d}")
        if i % 97 == 0:
            sub = sub / deep
        name = f"{i:05d}-{kind}.{EXTENSIONS.get(kind, 'txt')}"
        if i % 50 == 7:
            name = f"{i:05d} {ODD_NAMES[(i // 50) % len(ODD_NAMES)]}"
        if i % 211 == 5:
            name, hidden = f".hidden-{i}.ris", hidden + 1
        path = folder / sub / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind in GOOD:
            data, count = good_file(kind, i, rng)
            records += count if not name.startswith(".") else 0
        else:
            data = bad_file(kind, i, rng)
        path.write_bytes(data)
        if not name.startswith("."):
            expected.append((sub / name).as_posix())
    raw_name = os.fsencode(folder / "batch000") + b"/caf\xe9 latin-1 name.ris"
    with open(raw_name, "wb") as out:
        out.write(good_file("ris", 1, rng)[0])
    expected.append("batch000/caf\\xe9 latin-1 name.ris")
    os.symlink(folder / "nowhere.ris", folder / "batch000" / "broken link.ris")
    expected.append("batch000/broken link.ris")
    return {"expected": sorted(expected), "hidden": hidden, "records_written": records}


def run_ingest(folder: Path, output: Path, trace: bool) -> dict:
    """Ingest ``folder`` in this process; figures and the report's files."""
    import resource
    import tracemalloc

    from summarizer.ingest import ingest

    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    report = ingest([folder], output)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tracemalloc_peak_mb": round(peak / 2**20, 1) if peak else None,
        "records": report.n_records, "quarantined": report.n_quarantined,
        "skipped": len(report.skipped), "files": report.files,
        "reasons": [q.reason for q in report.quarantined + report.skipped]}


def measure(n_files: int, seed: int, huge_mb: float, trace: bool, keep: Path | None) -> dict:
    """Build a folder of ``n_files``, ingest it in a child process, check the accounting."""
    with tempfile.TemporaryDirectory(dir=keep) as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        built = build(folder, n_files, seed, huge_mb)
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), str(Path(tmp) / "out.jsonl"),
             *(["--trace"] if trace else [])],
            capture_output=True, text=True, errors="replace", check=False)
        if child.returncode != 0:
            return {"files": n_files, "error": child.stderr[-2000:]}
        got = json.loads(child.stdout.splitlines()[-1])
        n_lines = sum(1 for _ in open(Path(tmp) / "out.jsonl", encoding="utf-8"))
    sources = sorted(f["source"] for f in got["files"])
    statuses: dict[str, int] = {}
    for f in got["files"]:
        statuses[f["status"]] = statuses.get(f["status"], 0) + 1
    return {
        "files": n_files, "reported": len(sources), "hidden_skipped": built["hidden"],
        "accounted": sources == built["expected"],
        "missing": sorted(set(built["expected"]) - set(sources))[:5],
        "records": got["records"], "records_written_good": built["records_written"],
        "jsonl_lines": n_lines, "quarantined": got["quarantined"], "skipped": got["skipped"],
        "status": statuses, "tracebacks": child.stderr.count("Traceback"),
        "multiline_reasons": sum("\n" in r for r in got["reasons"]),
        "seconds": got["seconds"], "files_per_s": round(n_files / max(got["seconds"], 1e-9)),
        "peak_rss_mb": got["peak_rss_mb"], "tracemalloc_peak_mb": got["tracemalloc_peak_mb"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--huge-mb", type=float, default=3.0)
    parser.add_argument("--no-trace", action="store_true", help="skip tracemalloc (faster)")
    parser.add_argument("--keep", type=Path, default=None, help="parent of the temp folder")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_ingest(args.child[0], args.child[1], args.trace)))
        return
    results = [measure(n, args.seed, args.huge_mb, not args.no_trace, args.keep)
               for n in args.sizes]
    rss = [r.get("peak_rss_mb") for r in results]
    print(json.dumps({"benchmark": "many_files", "sizes": results,
                      "all_accounted": all(r.get("accounted") for r in results),
                      "tracebacks": sum(r.get("tracebacks", 1) for r in results),
                      "peak_rss_growth_mb": round(rss[-1] - rss[0], 1) if None not in rss
                      else None}, ensure_ascii=False))


if __name__ == "__main__":
    main()
