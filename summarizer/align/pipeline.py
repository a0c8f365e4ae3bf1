"""Aligning documents: encode, align in two passes, score confidence, flag, and read/write
the command-line inputs (presegmented JSON Lines or records read by ``summarizer.ingest``).

Each sentence is encoded once, which also gives its token states. The parts of the bead
scores that do not depend on run vectors (anchors, weakest-member support) are computed once
per document. Pass 1 scores multi-sentence beads with sums of sentence vectors. Every
multi-sentence bead whose best full path comes within ``REFINE_MARGIN`` of the best path is
then re-encoded as joined text, and pass 2 aligns with those vectors. Re-encoding is where the
encoder time goes beyond the sentences themselves: on both dev sets (1,512 sentences) it
re-encodes 202 runs, 54,000 characters; a margin of 0.4 re-encoded twice as much and 0.2 half
as much, all with the same dev F1.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from summarizer import __version__
from summarizer.align.aligner import (
    BEAD_TYPES,
    Params,
    Side,
    Step,
    TokenSupport,
    anchor_matrices,
    backward,
    bead_values,
    best_path,
    forward,
    make_side,
    quality_matrices,
    side_support,
)
from summarizer.align.embed import encode_side, join_run
from summarizer.align.flags import add_flags
from summarizer.align.segment import segment_record
from summarizer.errors import InputError
from summarizer.models import Encoder, load_encoder
from summarizer.schema import Alignment, Bead, Quarantined, Record, Sentence
from summarizer.text.formulas import plain_math

PARAMS = Params()
REFINE_MARGIN = 0.3
# confidence = sigmoid(C0 + C_GAIN * min(gain, 2) + C_Q * q + C_DOC_Q * document_quality):
# logistic regression of "bead identical to a gold bead" on WMT Medline dev and ChinaXiv align
# a (484 beads) by benchmarks/align_eval.py --calibrate; expected calibration error on the sets
# held out from the fit: ParaMed NEJM dev 0.017, ChinaXiv align b 0.063 (0.012 and 0.120 with
# the bead's own gain and quality alone, fitted on WMT: a document whose beads are all weak,
# as a PDF conversion's English makes them, had its wrong beads called 95% sure)
C0, C_GAIN, C_Q, C_DOC_Q = -7.01, 4.85, 1.9, 7.66


def align_sentences(en: list[str], zh: list[str], encoder: Encoder | None = None,
                    doc_id: str = "", params: Params = PARAMS) -> Alignment:
    """Align presegmented sentences: Alignment whose beads cover every sentence of both
    lists once, in order, each with a confidence in [0, 1] and QA flags."""
    encoder = encoder or load_encoder()
    return align_segmented([Sentence(t, "en") for t in en], [Sentence(t, "zh") for t in zh],
                           encoder, doc_id, params)


def align_segmented(en: list[Sentence], zh: list[Sentence], encoder: Encoder, doc_id: str,
                    params: Params = PARAMS) -> Alignment:
    """Align Sentence lists (offsets kept) -> Alignment with confidences and flags."""
    en_text, zh_text = [s.text for s in en], [s.text for s in zh]
    steps, support = aligned(en_text, zh_text, encoder, params)
    doc_quality = document_quality(steps)
    beads = [Bead(list(range(s.i, s.i + s.a)), list(range(s.j, s.j + s.b)),
                  round(confidence(s, doc_quality), 4)) for s in steps]
    add_flags(beads, en_text, zh_text, support)
    return Alignment(doc_id, en, zh, beads, signature(encoder, params))


def align_steps(en: list[str], zh: list[str], encoder: Encoder,
                params: Params = PARAMS) -> list[Step]:
    """The two-pass alignment of sentence texts: the best path as Steps."""
    return aligned(en, zh, encoder, params)[0]


def aligned(en: list[str], zh: list[str], encoder: Encoder, params: Params = PARAMS
            ) -> tuple[list[Step], TokenSupport | None]:
    """The two-pass alignment of sentence texts: (the best path as Steps, the token support
    of the sentences, which the QA flags read)."""
    en, zh = as_read(en), as_read(zh)
    en_side, zh_side = encoded_side(encoder, en), encoded_side(encoder, zh)
    support = side_support(en_side, zh_side)
    anchors = anchor_matrices(en_side, zh_side, params, support)
    refine(en_side, zh_side, encoder, params, anchors)
    steps = best_path(quality_matrices(en_side, zh_side, params, anchors), len(en), len(zh),
                      params)
    return steps, support


def as_read(sentences: list[str]) -> list[str]:
    """The sentences as the aligner reads and encodes them: formulas as plain text. Encoding
    ahead (``prefetched``) must use the same texts, or the token states it keeps go unused."""
    return [plain_math(s) for s in sentences]


def encoded_side(encoder: Encoder, sentences: list[str]) -> Side:
    """One side of a document with its sentence vectors and token states (one forward pass,
    or none when ``prefetched`` already encoded the sentences)."""
    return make_side(sentences, encode_side(encoder, sentences), encoder.token_states(sentences))


def prefetched(docs: list[dict], encoder: Encoder, chunk: int = 256) -> Iterator[dict]:
    """Yield presegmented documents ``{"en": [...], "zh": [...], ...}``, encoding the sentences
    of each ``chunk`` documents in one length-sorted pass first (faster than document by
    document). Token states wait in the encoder's cache until ``align_steps`` takes them, so
    at most one chunk's are held."""
    for start in range(0, len(docs), chunk):
        batch = docs[start : start + chunk]
        encoder.encode(as_read([s for d in batch for s in d["en"] + d["zh"]]), keep_tokens=True)
        yield from batch


def encode_ahead(records: list[Record], encoder: Encoder) -> None:
    """Encode the sentences of the bilingual ``records`` in one length-sorted pass, keeping
    their token states in ``encoder`` until ``align_record`` takes them. Fuller batches than
    one record at a time (WMT's 50 abstracts: 1.2x faster 8 at a time, 1.5x all at once),
    and the same alignments: a text's vector does not depend on what is encoded with it
    (``Encoder.encode``)."""
    texts: list[str] = []
    for record in records:
        sentences = segment_record(record)
        if "en" in sentences and "zh" in sentences:
            for lang in ("en", "zh"):
                texts += as_read([s.text for s in sentences[lang]])
    encoder.encode(texts, keep_tokens=True)


def plausible_runs(en: Side, zh: Side, params: Params, margin: float = REFINE_MARGIN, *,
                   anchors: dict[tuple[int, int], np.ndarray] | None = None
                   ) -> tuple[set, set]:
    """Runs (start, length >= 2) of each side used by a multi-sentence bead whose best full
    path scores within ``margin`` of the best path: (English runs, Chinese runs)."""
    n, m = len(en.sentences), len(zh.sentences)
    values = bead_values(quality_matrices(en, zh, params, anchors), n, m, params)
    fwd, _ = forward(values, n, m)
    fwd_arr, bwd_arr = np.array(fwd), np.array(backward(values, n, m))
    best = fwd[n][m]
    en_runs, zh_runs = set(), set()
    for (a, b), v in values.items():
        if a + b <= 2 or not (a and b):
            continue
        rows, cols = v.shape
        total = fwd_arr[:rows, :cols] + v + bwd_arr[a : a + rows, b : b + cols]
        for i, j in zip(*np.nonzero(total > best - margin), strict=True):
            if a > 1:
                en_runs.add((int(i), a))
            if b > 1:
                zh_runs.add((int(j), b))
    return en_runs, zh_runs


def refine(en: Side, zh: Side, encoder: Encoder, params: Params,
           anchors: dict[tuple[int, int], np.ndarray] | None = None) -> None:
    """Re-encode the plausible multi-sentence runs of both sides as joined text; their
    vectors override the sums in ``en.states``/``zh.states``."""
    en_runs, zh_runs = plausible_runs(en, zh, params, anchors=anchors)
    jobs = [(en, run) for run in sorted(en_runs)] + [(zh, run) for run in sorted(zh_runs)]
    texts = [join_run(side.sentences[i : i + k]) for side, (i, k) in jobs]
    if not texts:
        return
    for (side, run), vec in zip(jobs, encoder.encode(texts), strict=True):
        side.states.overrides[run] = vec


def document_quality(steps: list[Step]) -> float:
    """The median quality q of a document's beads that have both sides (0 when none has)."""
    qualities = [s.q for s in steps if s.a and s.b]
    return float(np.median(qualities)) if qualities else 0.0


def confidence(step: Step, doc_quality: float) -> float:
    """Probability that a bead is exactly right, from its max-marginal gain, its quality and
    its document's (``document_quality``)."""
    z = C0 + C_GAIN * min(step.gain, 2.0) + C_Q * step.q + C_DOC_Q * doc_quality
    return 1.0 / (1.0 + math.exp(-z))


def signature(encoder: Encoder, params: Params) -> str:
    """The reproducibility signature: toolkit version, aligner, model, parameters."""
    from summarizer.align import ALIGNER

    return (f"summarizer:{__version__}|aligner:{ALIGNER}|model:{encoder.name}"
            f"|tokens:layer{encoder.token_layer}"
            f"|beads:{'/'.join(f'{a}-{b}' for a, b in BEAD_TYPES)}|refine:{REFINE_MARGIN:g}"
            f"|{params.signature()}")


def align_record(record: Record, encoder: Encoder | None = None) -> Alignment | None:
    """Segment and align a record's abstract; None when it lacks English or Chinese."""
    sentences = segment_record(record)
    if "en" not in sentences or "zh" not in sentences:
        return None
    return align_segmented(sentences["en"], sentences["zh"], encoder or load_encoder(),
                           record.id)


def read_presegmented(path: Path) -> list[dict]:
    """Lines ``{"id", "en": [str], "zh": [str]}`` of a JSON Lines file."""
    docs = []
    with Path(path).open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as ex:
                raise InputError(str(path), f"not JSON ({ex.msg})", f"line {number}") from ex
            if not isinstance(doc, dict) or not all(
                    isinstance(doc.get(k), list) for k in ("en", "zh")) or "id" not in doc:
                raise InputError(str(path), 'expected {"id", "en": [sentences], "zh": '
                                 '[sentences]}', f"line {number}")
            docs.append(doc)
    return docs


def align_presegmented(input_path: Path, model: Path | None = None) -> list[Alignment]:
    """Align every document of a presegmented JSON Lines file."""
    docs = read_presegmented(input_path)
    encoder = load_encoder(model)
    return [align_sentences(d["en"], d["zh"], encoder, str(d["id"]))
            for d in prefetched(docs, encoder)]


def align_paths(paths: list[Path], model: Path | None = None, fmt: str | None = None
                ) -> tuple[list[Alignment], int, list[Quarantined]]:
    """Read input files with ``summarizer.ingest`` and align every record that has both
    languages: (alignments, number of records skipped for lacking a language, the inputs
    that could not be read)."""
    from summarizer.ingest import read_paths

    items = list(read_paths(list(paths), fmt))
    records = [r for r in items if isinstance(r, Record)]
    encoder = load_encoder(model)
    alignments = [align_record(r, encoder) for r in records]
    done = [a for a in alignments if a is not None]
    return done, len(alignments) - len(done), [q for q in items if isinstance(q, Quarantined)]


def run_align(paths: list[Path], presegmented: Path | None, fmt: str = "jsonl",
              model: Path | None = None, input_format: str | None = None
              ) -> tuple[bytes, int, list[Quarantined]]:
    """What ``summarizer align`` does: align the presegmented file, or every bilingual record
    of ``paths``, and render all alignments in ``fmt``: (output bytes, records skipped,
    inputs quarantined)."""
    from summarizer.align.export import render_alignment

    if presegmented is not None:
        alignments, skipped, quarantined = align_presegmented(presegmented, model), 0, []
    else:
        alignments, skipped, quarantined = align_paths(paths, model, input_format)
    return render_alignment(alignments, fmt), skipped, quarantined
