"""QA flags against injected translation errors: recall per flag kind and false flags on
clean beads. Print one JSON line.

    python benchmarks/qa_eval.py [--data ../shared/data/align/wmt_medline_en2zh] [--limit N]
    python benchmarks/qa_eval.py --data ../shared/data/align/paramed_nejm_dev

Each WMT Medline abstract or ParaMed NEJM article (English and Chinese, presegmented) is aligned as
it is (clean) and with one error injected into its Chinese side at a time, at a sentence the
gold alignment pairs 1-1 with an English sentence:
- ``number``: a number in digits in the Chinese sentence changed (its last digit + 1);
  found when a ``number-mismatch`` flag is on a bead holding that sentence;
- ``omission``: the Chinese sentence deleted; found when a bead holding its English partner
  carries an ``omission`` flag;
- ``untranslated``: the Chinese sentence replaced by its English partner; found when a bead
  holding it carries an ``untranslated`` flag.
False flags: the share of clean beads carrying each kind (the gold translations may hold real
errors, so this is an upper bound). The injected sentence is chosen by a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from summarizer.align import align_sentences
from summarizer.models import load_encoder

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"number": "number-mismatch", "omission": "omission", "untranslated": "untranslated"}


def documents(data: Path) -> dict[str, dict[str, list[str]]]:
    """doc → {"en": sentences, "zh": sentences} of a WMT or a ParaMed folder."""
    docs: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"en": [], "zh": []})
    if (data / "align.txt").is_file():  # ParaMed: docN.en / docN.zh, a sentence a line
        for path in sorted(data.glob("doc*.en")):
            for lang in ("en", "zh"):
                text = path.with_suffix(f".{lang}").read_text("utf-8")
                docs[path.stem][lang] = [line.strip() for line in text.splitlines()]
        return docs
    for lang in ("en", "zh"):
        for line in (data / f"medline_en2zh_{lang}.txt").read_text("utf-8").splitlines():
            doc, _, sentence = line.split("\t", 2)
            docs[doc][lang].append(sentence)
    return docs


def one_to_one(data: Path) -> dict[str, list[tuple[int, int]]]:
    """doc → [(en index, zh index)] of the gold 1-1 beads (0-based)."""
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if (data / "align.txt").is_file():  # ParaMed: "docN<TAB>zh_ids <=> en_ids<TAB>OK"
        for line in (data / "align.txt").read_text("utf-8").splitlines():
            doc, bead = line.split("\t")[:2]
            zh, en = (side.strip() for side in bead.split("<=>"))
            if zh.isdigit() and en.isdigit():
                pairs[doc].append((int(en) - 1, int(zh) - 1))
        return pairs
    for line in (data / "gold.align.tsv").read_text("utf-8").splitlines():
        doc, zh, en = (line.split("\t") + ["", ""])[:3]
        if zh and en and "," not in zh and "," not in en:
            pairs[doc].append((int(en) - 1, int(zh) - 1))
    return pairs


def changed_number(sentence: str) -> str | None:
    """The sentence with the last digit of its first number in digits changed, or None;
    digits in a name (``CD34``, ``IL-6``, ``COVID-19``) are not a number."""
    m = re.search(r"(?<![A-Za-z\d.\-])\d+", sentence)
    if not m:
        return None
    last = str((int(m.group(0)[-1]) + 1) % 10)
    return sentence[:m.end() - 1] + last + sentence[m.end():]


def injected(kind: str, en: list[str], zh: list[str], pair: tuple[int, int]
             ) -> tuple[list[str], int] | None:
    """(the Chinese side with the error, index of the sentence to look at: the Chinese one,
    or for an omission the English one), or None when the pair cannot take this error."""
    i, j = pair
    if kind == "number":
        changed = changed_number(zh[j])
        return (zh[:j] + [changed] + zh[j + 1:], j) if changed else None
    if kind == "omission":
        return zh[:j] + zh[j + 1:], i
    return zh[:j] + [en[i]] + zh[j + 1:], j


def found(alignment, kind: str, index: int) -> bool:
    side = "en" if kind == "omission" else "zh"
    return any(index in getattr(bead, side) and any(f.kind == KINDS[kind] for f in bead.flags)
               for bead in alignment.beads)


def score(data: Path, limit: int | None, seed: int = 7) -> dict[str, object]:
    encoder = load_encoder()
    rng = random.Random(seed)
    docs, pairs = documents(data), one_to_one(data)
    injected_n, caught, clean_beads = Counter(), Counter(), 0
    false_flags: Counter[str] = Counter()
    started = time.perf_counter()
    for doc in sorted(docs, key=lambda d: int(d[3:]))[:limit]:  # "doc12" after "doc2"
        en, zh = docs[doc]["en"], docs[doc]["zh"]
        clean = align_sentences(en, zh, encoder, doc)
        clean_beads += len(clean.beads)
        for bead in clean.beads:
            for kind in {f.kind for f in bead.flags}:
                false_flags[kind] += 1
        for kind in KINDS:
            usable = [p for p in pairs[doc] if injected(kind, en, zh, p)]
            if not usable:
                continue
            new_zh, index = injected(kind, en, zh, rng.choice(usable))
            injected_n[kind] += 1
            caught[kind] += found(align_sentences(en, new_zh, encoder, doc), kind, index)
    return {
        "data": data.name, "docs": min(limit or len(docs), len(docs)),
        "recall": {k: round(caught[k] / injected_n[k], 3) for k in KINDS if injected_n[k]},
        "injected": dict(injected_n),
        "clean_beads": clean_beads,
        "flagged_clean_share": {k: round(v / clean_beads, 3)
                                for k, v in sorted(false_flags.items())},
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/align/wmt_medline_en2zh")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    print(json.dumps(score(args.data, args.limit)))


if __name__ == "__main__":
    main()
