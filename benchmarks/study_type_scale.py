"""Study type at scale, on abstracts whose kind is known from how their corpus was made:
print one JSON line.

    python benchmarks/study_type_scale.py [--data ../shared/data] [--set NAME]
                                          [--limit N] [--show K]

Sets (each label comes from how the corpus was built, not from reading each abstract, so a
few documents of a set may truly be of another kind):
``ebm-nlp``: EBM-NLP ``fold0_train.txt`` (PubMed abstracts retrieved as randomised trials;
tokens joined back into text, the first sentence the title); expected: a trial. Tuned on.
``ebm-nlp-held``: EBM-NLP ``fold1_train.txt``, the same kind; not looked at.
``pico-corpus``: PICO-Corpus (breast-cancer RCT abstracts; the first sentence the title);
expected: a trial. Not looked at.
``cochrane``: the results part of the first 205 of 411 Cochrane review abstracts
(``val.source``, no title); expected: ``systematic review`` or ``meta-analysis``. Tuned on.
``cochrane-held``: the other 206; not looked at.

Figures per set: ``docs``; ``expected``: share typed as expected (``rct`` for trials,
with ``any_trial`` the share typed as any kind of trial); ``types``: how many got each type.
``--show K`` prints K documents of each set typed otherwise, with their first words, to stderr.
Each abstract goes through ``extract_facts`` (patterns only, no tagger).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from summarizer.align.segment import split_sentences
from summarizer.extract.facts import extract_facts
from summarizer.extract.study_type import TRIALS
from summarizer.schema import Record, Section, Study

ROOT = Path(__file__).resolve().parents[1]
REVIEWS = {"systematic review", "meta-analysis"}


def detokenized(tokens: list[str]) -> str:
    """Tokens joined back into text: no space before ``.,;:)%`` or after ``(``."""
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:)\]%])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def ebm_nlp(path: Path) -> Iterator[tuple[str, str, str]]:
    """(pmid, title, abstract) of each document of an EBM-NLP CoNLL-like file: sentences are
    separated by blank lines, the first is the title."""
    pmid, sentences, words = None, [], []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in [*fh, "-DOCSTART- -end- O O\n"]:
            if line.startswith("-DOCSTART-"):
                sentences += [words] if words else []
                if pmid and sentences:
                    yield (pmid, detokenized(sentences[0]),
                           " ".join(detokenized(s) for s in sentences[1:]))
                pmid, sentences, words = line.split()[1].strip("-"), [], []
            elif line.strip():
                words.append(line.split()[0])
            elif words:
                sentences.append(words)
                words = []


def pico_corpus(folder: Path) -> Iterator[tuple[str, str, str]]:
    """(pmid, title, abstract) of each PICO-Corpus abstract: its first sentence is the title."""
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        sentences = split_sentences(text, "en")
        title = sentences[0].text if sentences else ""
        yield path.stem, title, text[len(title):].strip()


COCHRANE_TUNED = 205  # the first abstracts of ``val.source``, tuned on; the rest held out


def cochrane(folder: Path, held: bool) -> Iterator[tuple[str, str, str]]:
    """(line number, no title, results part) of each Cochrane review abstract of one part."""
    lines = (folder / "val.source").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if (number > COCHRANE_TUNED) == held:
            yield str(number), "", line.strip()


def study_type(doc_id: str, title: str, abstract: str) -> str:
    """The study type ``extract_facts`` gives a record of this title and abstract."""
    text = f"{title}\n{abstract}" if title else abstract
    start = len(text) - len(abstract)
    record = Record(id=doc_id, source=doc_id, format="text", index=0, text=text,
                    title={"en": title or None, "zh": None},
                    abstract=[Section("other", "en", abstract, start, len(text))])
    facts = extract_facts(Study(doc_id, [record])).to_dict()["facts"]
    return facts["design"]["study_type"]


def score(docs: Iterator[tuple[str, str, str]], expected: set[str], limit: int | None,
          show: int, name: str) -> dict[str, object]:
    types: Counter[str] = Counter()
    shown = 0
    for number, (doc_id, title, abstract) in enumerate(docs):
        if limit is not None and number >= limit:
            break
        kind = study_type(doc_id, title, abstract)
        types[kind] += 1
        if kind not in expected and shown < show:
            shown += 1
            print(f"{name} {doc_id}: {kind} | {title[:90]} | {abstract[:160]}", file=sys.stderr)
    docs_n = sum(types.values())
    out: dict[str, object] = {"docs": docs_n}
    if expected == TRIALS:
        out["expected"] = round(types["rct"] / max(docs_n, 1), 3)
        out["any_trial"] = round(sum(types[t] for t in TRIALS) / max(docs_n, 1), 3)
    else:
        out["expected"] = round(sum(types[t] for t in expected) / max(docs_n, 1), 3)
    out["types"] = dict(types.most_common())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--set", action="append",
                        choices=["ebm-nlp", "ebm-nlp-held", "pico-corpus", "cochrane",
                                 "cochrane-held"])
    parser.add_argument("--limit", type=int, default=None, help="documents per set")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    ebm, reviews = args.data / "pico/ebm_nlp_train", args.data / "summaries/cochrane_pls_val"
    sources = {
        "ebm-nlp": (lambda: ebm_nlp(ebm / "fold0_train.txt"), TRIALS),
        "ebm-nlp-held": (lambda: ebm_nlp(ebm / "fold1_train.txt"), TRIALS),
        "pico-corpus": (lambda: pico_corpus(args.data / "pico/pico_corpus_breast_cancer"),
                        TRIALS),
        "cochrane": (lambda: cochrane(reviews, held=False), REVIEWS),
        "cochrane-held": (lambda: cochrane(reviews, held=True), REVIEWS),
    }
    result: dict[str, object] = {"benchmark": "study_type_scale"}
    began = time.perf_counter()
    for name in args.set or list(sources):
        docs, expected = sources[name]
        result[name] = score(docs(), expected, args.limit, args.show, name)
    result["seconds"] = round(time.perf_counter() - began, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
