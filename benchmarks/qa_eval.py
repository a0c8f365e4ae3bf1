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
  holding it carries an ``untranslated`` flag;
- ``unit``: a unit after a number in the Chinese sentence swapped for another of its kind
  (``mg``↔``g``, ``mL``↔``L``, ``毫克``↔``克``, ``cm``↔``mm``, ``周``↔``个月``, ``天``↔``周``,
  ``小时``↔``天``); found by a ``unit-mismatch`` flag on a bead holding that sentence;
- ``negation``: the first negation of a Chinese sentence whose English partner negates
  (``未``, ``无``, ``不``, ``没有``, ``非``) deleted; found by a ``negation`` flag.
False flags: the share of clean beads carrying each kind (the gold translations may hold real
errors, so this is an upper bound). ``--per-doc N`` injects each kind at up to N sentences of
each document, one at a time (ParaMed has six documents: one each is too few to measure);
the sentences are chosen by a fixed seed. ``--show KIND`` prints the clean beads flagged
with KIND and the injections of KIND that were missed, to read them.
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
KINDS = {"number": "number-mismatch", "omission": "omission", "untranslated": "untranslated",
         "unit": "unit-mismatch", "negation": "negation"}
# A unit swapped for another of its kind, the way a translation slip changes it.
UNIT_SWAPS = {"mg": "g", "g": "mg", "μg": "mg", "kg": "g", "mL": "L", "ml": "L", "L": "mL",
              "cm": "mm", "mm": "cm", "毫克": "克", "克": "毫克", "毫升": "升", "升": "毫升",
              "周": "个月", "个月": "周", "天": "周", "小时": "天", "分钟": "小时"}
_UNIT_AFTER = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?\s*(?P<unit>μg|mg|kg|mL|ml|毫克|毫升|"
                         r"小时|分钟|个月|cm|mm|g|L|克|升|周|天)(?![A-Za-z/])")
# Negations of a Chinese sentence, not the 不 of 不良 (adverse) or 不同 (different)
_ZH_NEGATION = re.compile(r"没有|未(?!来)|无(?!论|锡)|不(?![良同仅但论管断少久足])|非(?!常|洲)")
_EN_NEGATION = re.compile(r"\b(?:no|not|without|neither|nor|never|none)\b|n't\b", re.IGNORECASE)


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
        (path,) = data.glob(f"medline_*_{lang}.txt")  # WMT's layout (and ChinaXiv's, its copy)
        for line in path.read_text("utf-8").splitlines():
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


def swapped_unit(sentence: str) -> str | None:
    """The sentence with the unit of its first number with a unit swapped (``5 mg`` → ``5 g``,
    ``12周`` → ``12个月``), or None."""
    m = _UNIT_AFTER.search(sentence)
    if not m:
        return None
    return sentence[:m.start("unit")] + UNIT_SWAPS[m["unit"]] + sentence[m.end("unit"):]


def dropped_negation(sentence: str, english: str) -> str | None:
    """The Chinese sentence without its first negation when its English negates, or None."""
    m = _ZH_NEGATION.search(sentence)
    if not m or not _EN_NEGATION.search(english):
        return None
    return sentence[:m.start()] + sentence[m.end():]


def injected(kind: str, en: list[str], zh: list[str], pair: tuple[int, int]
             ) -> tuple[list[str], int] | None:
    """(the Chinese side with the error, index of the sentence to look at: the Chinese one,
    or for an omission the English one), or None when the pair cannot take this error."""
    i, j = pair
    changed = {"number": lambda: changed_number(zh[j]), "unit": lambda: swapped_unit(zh[j]),
               "negation": lambda: dropped_negation(zh[j], en[i])}.get(kind)
    if changed:
        new = changed()
        return (zh[:j] + [new] + zh[j + 1:], j) if new else None
    if kind == "omission":
        return zh[:j] + zh[j + 1:], i
    return zh[:j] + [en[i]] + zh[j + 1:], j


def found(alignment, kind: str, index: int) -> bool:
    side = "en" if kind == "omission" else "zh"
    return any(index in getattr(bead, side) and any(f.kind == KINDS[kind] for f in bead.flags)
               for bead in alignment.beads)


def cases(data: Path, limit: int | None, per_doc: int, seed: int = 7,
          kinds: list[str] | None = None):
    """Yield ``(doc, kind, en, zh, index)``: each document as it is (kind ``clean``, index
    None), then with each kind of error injected at up to ``per_doc`` sentences, one at a
    time (index: the sentence to look at, see ``injected``)."""
    rng = random.Random(seed)
    docs, pairs = documents(data), one_to_one(data)
    # "doc12" after "doc2"; ChinaXiv's ids in their own order
    for doc in sorted(docs, key=lambda d: (len(d), d) if d.startswith("doc") else (0, d))[:limit]:
        en, zh = docs[doc]["en"], docs[doc]["zh"]
        yield doc, "clean", en, zh, None
        for kind in KINDS:
            usable = [p for p in pairs[doc] if injected(kind, en, zh, p)]
            if kinds and kind not in kinds:  # drawn all the same: the same sentences
                continue
            for pair in rng.sample(usable, min(per_doc, len(usable))):
                new_zh, index = injected(kind, en, zh, pair)
                yield doc, kind, en, new_zh, index


def tally(results, show: str | None = None) -> dict[str, object]:
    """Figures from ``(doc, kind, en, zh, index, alignment)`` results: recall per injected
    kind, false flags per clean bead per flag kind. ``show``: print the clean beads flagged
    with this flag kind and the injections of this kind that were missed."""
    injected_n, caught, clean_beads = Counter(), Counter(), 0
    false_flags: Counter[str] = Counter()
    for doc, kind, en, zh, index, alignment in results:
        if kind == "clean":
            clean_beads += len(alignment.beads)
            for bead in alignment.beads:
                kinds = {f.kind for f in bead.flags}
                false_flags.update(kinds)
                if show in kinds:
                    _print_bead(doc, bead, en, zh, show)
            continue
        injected_n[kind] += 1
        hit = found(alignment, kind, index)
        caught[kind] += hit
        if show == KINDS[kind] and not hit:
            side = "en" if kind == "omission" else "zh"
            for bead in alignment.beads:
                if index in getattr(bead, side):
                    _print_bead(f"{doc} MISSED {kind}", bead, en, zh, None)
    return {
        "recall": {k: round(caught[k] / injected_n[k], 3) for k in KINDS if injected_n[k]},
        "injected": dict(injected_n), "caught": dict(caught),
        "clean_beads": clean_beads,
        "flagged_clean_share": {k: round(false_flags[k] / clean_beads, 4)
                                for k in sorted(set(false_flags) | set(KINDS.values()))},
    }


def _print_bead(doc: str, bead, en: list[str], zh: list[str], kind: str | None) -> None:
    import sys

    flags = [f"{f.kind}: {f.message}" for f in bead.flags if kind in (None, f.kind)]
    print(f"--- {doc} en{bead.en} zh{bead.zh} conf {bead.score:.2f} {flags}", file=sys.stderr)
    print("  EN " + " ".join(en[i] for i in bead.en), file=sys.stderr)
    print("  ZH " + "".join(zh[j] for j in bead.zh), file=sys.stderr)


class KeptTokens:
    """The encoder, keeping every sentence's token states (``Encoder.token_states`` hands them
    over once): a document aligned again with one sentence changed encodes only that one."""

    def __init__(self, encoder):
        self.encoder, self.kept = encoder, {}

    def __getattr__(self, name):
        return getattr(self.encoder, name)

    def encode(self, texts: list[str], **options):
        keep = options.pop("keep_tokens", False) and any(t not in self.kept for t in texts)
        return self.encoder.encode(texts, keep_tokens=keep, **options)

    def token_states(self, texts: list[str]):
        missing = sorted({t for t in texts if t not in self.kept})
        self.kept.update(zip(missing, self.encoder.token_states(missing), strict=True))
        return [self.kept[t] for t in texts]


def score(data: Path, limit: int | None, per_doc: int = 3, show: str | None = None,
          kinds: list[str] | None = None) -> dict[str, object]:
    encoder = KeptTokens(load_encoder())
    started = time.perf_counter()
    results = [(doc, kind, en, zh, index, align_sentences(en, zh, encoder, doc))
               for doc, kind, en, zh, index in cases(data, limit, per_doc, kinds=kinds)]
    figures = tally(results, show)
    return {"data": data.name, "docs": len({r[0] for r in results}), "per_doc": per_doc,
            **figures, "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/align/wmt_medline_en2zh")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--per-doc", type=int, default=3)
    parser.add_argument("--show", default=None, help="flag kind to print (clean and missed)")
    parser.add_argument("--kinds", default=None,
                        help="injected kinds to run, comma-separated (default: all)")
    args = parser.parse_args()
    kinds = args.kinds.split(",") if args.kinds else None
    print(json.dumps(score(args.data, args.limit, args.per_doc, args.show, kinds)))


if __name__ == "__main__":
    main()
