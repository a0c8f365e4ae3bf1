"""PICO tagging with the fine-tuned multilingual-e5-small token classifier.

The shipped model (``models/pico-e5/``) holds only what training changed: the trained encoder
layers and a linear head (fp16 safetensors) plus ``tagger.json`` (base model, kept and frozen
layer counts, label set, logit biases). Loading takes the converted base encoder from
``summarizer.models.e5_model_dir()``, keeps its lower ``layers``, overlays those weights and
makes the dense products int8 (``precision()``); it happens once per process, on first use.
Labels: ``P`` participants, ``I`` interventions, ``C`` comparator, ``O`` outcomes, ``-`` none.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from summarizer import models
from summarizer.errors import InputError, ModelError, SummarizerError
from summarizer.schema import LANGS
from summarizer.text.script import HAN

LABELS = ("-", "P", "I", "C", "O")
MAX_SUBTOKENS = 510  # a window, without <s> and </s>
STRIDE = 384  # sub-tokens between window starts (126 overlap)
WEIGHTS = "model.safetensors"
CONFIG = "tagger.json"
WORD_RE = re.compile(r"\w+|[^\w\s]")
CJK_RE = HAN
# A checkout (and `pip install -e .`) keeps the tagger in models/pico-e5; `pip install .`
# puts the same files under <prefix>/share/summarizer/models/pico-e5 (pyproject data-files).
DEFAULT_DIRS = (Path(__file__).resolve().parents[2] / "models" / "pico-e5",
                Path(sys.prefix) / "share" / "summarizer" / "models" / "pico-e5")


@dataclass
class PicoSpan:
    """A tagged stretch of text: ``text[start:end] == span.text``.

    label: ``P``, ``I``, ``C`` or ``O``; confidence: mean probability of ``label`` over the
    span's words, in [0, 1].
    """

    label: str
    start: int
    end: int
    text: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start, "end": self.end, "text": self.text,
                "confidence": self.confidence}


@dataclass
class Tagger:
    """A loaded tagger. encoder: ``PlainBert`` (the base e5's lower layers with the trained
    layers laid over them); classifier: ``Linear(hidden, 5)``; tokenizer:
    ``tokenizers.Tokenizer`` (no padding, no truncation); specials: ids of ``<s>`` and
    ``</s>``; bias: float32 array (5,) added to the log-probabilities before the arg-max."""

    encoder: Any
    classifier: Any
    tokenizer: Any
    specials: tuple[int, int]
    bias: np.ndarray
    config: dict[str, Any]


def window_spans(n: int, size: int = MAX_SUBTOKENS, stride: int = STRIDE) -> list[tuple[int, int]]:
    """Cover ``range(n)`` with windows of at most ``size`` starting every ``stride``:
    [(start, end)]; one window (0, n) when n <= size, none when n == 0."""
    spans = [(0, min(n, size))] if n else []
    while spans and spans[-1][1] < n:
        start = spans[-1][0] + stride
        spans.append((start, min(n, start + size)))
    return spans


def model_dir() -> Path:
    """Where the trained tagger lives: ``$SUMMARIZER_PICO_MODEL``, else the checkout's
    ``models/pico-e5``, else the installed copy; the checkout's path when there is none."""
    if os.environ.get("SUMMARIZER_PICO_MODEL"):
        return Path(os.environ["SUMMARIZER_PICO_MODEL"])
    return next((d for d in DEFAULT_DIRS if (d / CONFIG).is_file()), DEFAULT_DIRS[0])


def precision() -> str:
    """How the encoder layers multiply: ``int8`` (the default; dynamic-int8 dense products,
    per token row, which make the whole tagger faster on this CPU) or ``fp32``
    (``$SUMMARIZER_PICO_PRECISION=fp32``)."""
    return models.precision("SUMMARIZER_PICO_PRECISION")


@functools.lru_cache(maxsize=2)
def load_tagger(path: Path | None = None) -> Tagger:
    """Load the base encoder and overlay the trained layers and head (once per process).
    Plain torch and ``tokenizers`` only: importing transformers would cost seconds."""
    import torch
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    from summarizer.models import PlainBert, e5_model_dir

    path = Path(path) if path is not None else model_dir()
    if not (path / CONFIG).exists() or not (path / WEIGHTS).exists():
        raise ModelError(f"no trained PICO tagger in {path} ({CONFIG}, {WEIGHTS}); run "
                         "`summarizer train pico --data DIR` or set SUMMARIZER_PICO_MODEL")
    config = json.loads((path / CONFIG).read_text())
    base = e5_model_dir()
    base_config = json.loads((base / "config.json").read_text())
    layers = int(config.get("layers", base_config["num_hidden_layers"]))
    base_config["num_hidden_layers"] = layers  # a tagger may keep only the lower layers
    encoder = PlainBert.load(base, base_config)
    encoder.weights = {k: v for k, v in encoder.weights.items()
                       if not k.startswith("encoder.layer.")
                       or int(k.split(".")[2]) < layers}
    state = {k: v.float() for k, v in load_file(str(path / WEIGHTS)).items()}
    head = {k.removeprefix("classifier."): state.pop(k) for k in list(state)
            if k.startswith("classifier.")}
    unexpected = sorted(k for k, v in state.items()
                        if k not in encoder.weights or encoder.weights[k].shape != v.shape)
    if unexpected or set(head) != {"weight", "bias"}:
        raise ModelError(f"{path / WEIGHTS} does not fit {base.name}: unexpected "
                         f"{unexpected[:3]}; retrain with `summarizer train pico`")
    encoder.weights.update(state)
    if precision() == "int8":
        encoder.quantize_dense()
    classifier = torch.nn.Linear(head["weight"].shape[1], head["weight"].shape[0])
    classifier.load_state_dict(head)
    classifier.eval()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()  # long texts are windowed here, not cut
    specials = (tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>"))
    bias = np.asarray(config.get("bias", [0.0] * len(LABELS)), dtype=np.float32)
    return Tagger(encoder, classifier, tokenizer, specials, bias, config)


def subtoken_logprobs(tagger: Tagger, sequences: list[list[int]]) -> list[np.ndarray]:
    """Token-id sequences (no special tokens) -> per sequence an array (n_subtokens, 5) of
    log-probabilities; long sequences go in overlapping windows, averaged where they overlap.

    Windows run one at a time, which is as fast as padded batches here. In a batch, int8
    rounding would magnify the float noise that a batch's shape brings, and a text's labels
    would hang on its batch-mates."""
    import torch

    cls, sep = tagger.specials
    out = []
    for seq in sequences:
        total = np.zeros((len(seq), len(LABELS)), dtype=np.float32)
        count = np.zeros((len(seq), 1), dtype=np.float32)
        for start, end in window_spans(len(seq)):
            ids = torch.tensor([[cls, *seq[start:end], sep]])
            with torch.inference_mode():
                hidden = tagger.encoder(input_ids=ids,
                                        attention_mask=torch.ones_like(ids)).last_hidden_state
                logp = torch.log_softmax(tagger.classifier(hidden[0, 1:-1]), dim=-1)
            total[start:end] += logp.numpy()
            count[start:end] += 1
        out.append(total / np.maximum(count, 1))
    return out


def word_logprobs(tagger: Tagger, batch: list[list[str]]) -> list[np.ndarray]:
    """Pre-tokenized words -> per document an array (n_words, 5): the mean of the word's
    sub-token log-probabilities; a word with no sub-token gets log P('-') = 0."""
    encodings = tagger.tokenizer.encode_batch(batch, is_pretokenized=True,
                                              add_special_tokens=False)
    sequences = [enc.ids for enc in encodings]
    owners = [enc.word_ids for enc in encodings]
    out = []
    for words, owner, logp in zip(batch, owners, subtoken_logprobs(tagger, sequences),
                                  strict=True):
        out.append(_pool(logp, owner, len(words)))
    return out


def _pool(logp: np.ndarray, owner: list[int | None], n_units: int) -> np.ndarray:
    """Sub-token log-probabilities (n_sub, 5) and each sub-token's unit index (or None) ->
    (n_units, 5), averaged per unit; units without sub-tokens get certain '-'."""
    total = np.zeros((n_units, len(LABELS)), dtype=np.float32)
    count = np.zeros((n_units, 1), dtype=np.float32)
    for row, unit in enumerate(owner):
        if unit is not None:
            total[unit] += logp[row]
            count[unit] += 1
    empty = np.full(len(LABELS), -30.0, dtype=np.float32)
    empty[0] = 0.0
    return np.where(count > 0, total / np.maximum(count, 1), empty)


def decide(tagger: Tagger, logp: np.ndarray) -> list[str]:
    """Log-probabilities (n, 5) -> n labels: the best sequence after the tuned biases, where a
    change of label between neighbouring units costs the tuned ``switch`` penalty."""
    switch = float(tagger.config.get("switch", 0.0))
    return [LABELS[k] for k in best_labels((logp + tagger.bias)[None], switch)[0]]


def best_labels(scores: np.ndarray, switch: float) -> np.ndarray:
    """Viterbi over label sequences. scores: (docs, units, labels), padded at the end with
    zeros; -> label indices (docs, units) maximizing the summed scores minus ``switch`` per
    label change (``switch`` 0: the arg-max of each unit). PICO spans run over several words,
    so an isolated label flip is more often noise than a one-word span."""
    if switch <= 0 or scores.shape[1] == 0:
        return np.argmax(scores, axis=2)
    docs, units, labels = scores.shape
    rows, keep = np.arange(docs), np.arange(labels)[None, :]
    back = np.zeros((docs, units, labels), dtype=np.int64)
    total = scores[:, 0].copy()
    for t in range(1, units):
        leader = np.argmax(total, axis=1)
        move = total[rows, leader] - switch
        stay = total >= move[:, None]
        back[:, t] = np.where(stay, keep, leader[:, None])
        total = np.where(stay, total, move[:, None]) + scores[:, t]
    path = np.zeros((docs, units), dtype=np.int64)
    path[:, -1] = np.argmax(total, axis=1)
    for t in range(units - 1, 0, -1):
        path[:, t - 1] = back[rows, t, path[:, t]]
    return path


def tag_tokens(batch: list[list[str]]) -> list[list[str]]:
    """Pre-tokenized documents -> one label from ``P I C O -`` per token."""
    tagger = load_tagger()
    return [decide(tagger, logp) for logp in word_logprobs(tagger, batch)]


def text_units(text: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The units that get one label each, as (start, end) into ``text``: words and punctuation
    (``\\w+|[^\\w\\s]``); runs of Chinese characters are cut further at sub-token boundaries
    (``offsets``: the tokenizer's character offsets)."""
    cuts = {s for s, e in offsets if e > s} | {e for s, e in offsets if e > s}
    units = []
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        if not CJK_RE.search(match.group()):
            units.append((start, end))
            continue
        inner = sorted(c for c in cuts if start < c < end)
        units.extend(zip([start, *inner], [*inner, end], strict=True))
    return units


def _owners(offsets: list[tuple[int, int]], units: list[tuple[int, int]]) -> list[int | None]:
    """For each sub-token, the index of the unit holding its first non-space character."""
    starts = np.array([s for s, _ in units], dtype=np.int64)
    owner: list[int | None] = []
    for s, e in offsets:
        k = int(np.searchsorted(starts, e - 1, side="right")) - 1 if e > s else -1
        owner.append(k if k >= 0 and units[k][0] < e and s < units[k][1] else None)
    return owner


def tag_text(text: str, lang: str) -> list[PicoSpan]:
    """Tag raw English or Chinese text -> PICO spans with offsets into ``text``, in order.
    Neighbouring units with the same label (separated by spaces at most) form one span."""
    return tag_texts([text], lang)[0]


def tag_texts(texts: list[str], lang: str) -> list[list[PicoSpan]]:
    """``tag_text`` for many texts: one list of spans per text, in input order."""
    if lang not in LANGS:
        raise SummarizerError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    tagger = load_tagger()
    encodings = tagger.tokenizer.encode_batch(list(texts), add_special_tokens=False)
    logps = subtoken_logprobs(tagger, [enc.ids for enc in encodings])
    out = []
    for text, enc, logp in zip(texts, encodings, logps, strict=True):
        offsets = [tuple(o) for o in enc.offsets]
        units = text_units(text, offsets)
        if not units:
            out.append([])
            continue
        unit_logp = _pool(logp, _owners(offsets, units), len(units))
        labels, probs = decide(tagger, unit_logp), np.exp(unit_logp)
        labels = demote_lone_comparators(text, lang, units, labels, probs)
        out.append(merge_units(text, units, labels, probs))
    return out


# ``or`` is no cue: it joins dose arms (``2 or 4 x 10^6 cells/kg``) as often as arms
COMPARISON = re.compile(r"\b(?:versus|vs\.?|compared|control|placebo|sham)\b|对照|比较|安慰剂",
                        re.IGNORECASE)


def demote_lone_comparators(text: str, lang: str, units: list[tuple[int, int]],
                            labels: list[str], probs: np.ndarray) -> list[str]:
    """Labels with each ``C`` unit whose sentence has no comparison word (COMPARISON) read as
    ``I``; its ``I`` probability in ``probs`` (n_units, 5) becomes p(I) + p(C), in place.
    EBM-NLP marks comparators as interventions, so ``C`` is learnt from the small
    PICO-Corpus alone, and the tagger also gives it to dose arms and to the one treatment of
    a single-arm trial: a comparator needs a sentence that compares."""
    if "C" not in labels:
        return labels
    from summarizer.align.segment import split_sentences

    compared = [(s.start, s.end) for s in split_sentences(text, lang)
                if COMPARISON.search(s.text)]
    out = list(labels)
    for k, (label, (start, _)) in enumerate(zip(labels, units, strict=True)):
        if label == "C" and not any(a <= start < b for a, b in compared):
            out[k] = "I"
            probs[k, LABELS.index("I")] += probs[k, LABELS.index("C")]
    return out


def merge_units(text: str, units: list[tuple[int, int]], labels: list[str],
                probs: np.ndarray) -> list[PicoSpan]:
    """Join runs of equally labelled units (gaps of whitespace only) into spans; confidence is
    the mean probability (probs: (n_units, 5)) of the span's label."""
    spans: list[PicoSpan] = []
    k = 0
    while k < len(units):
        j = k
        while (j + 1 < len(units) and labels[j + 1] == labels[k]
               and not text[units[j][1]:units[j + 1][0]].strip()):
            j += 1
        if labels[k] != "-":
            start, end = units[k][0], units[j][1]
            conf = float(np.mean(probs[k : j + 1, LABELS.index(labels[k])]))
            spans.append(PicoSpan(labels[k], start, end, text[start:end], round(conf, 4)))
        k = j + 1
    return spans


def tag_pretokenized_file(input_path: Path, output: Path, batch_docs: int = 64) -> int:
    """``{"id", "tokens"}`` JSON Lines -> ``{"id", "labels"}`` JSON Lines (one label a token),
    in input order. -> the number of documents written."""
    docs = []
    with Path(input_path).open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                docs.append((obj["id"], [str(t) for t in obj["tokens"]]))
            except (ValueError, KeyError, TypeError) as ex:
                raise InputError(str(input_path), f"expected {{\"id\", \"tokens\": [...]}} "
                                 f"JSON ({ex})", f"line {number}") from ex
    with Path(output).open("w", encoding="utf-8") as out:
        for start in range(0, len(docs), batch_docs):
            chunk = docs[start : start + batch_docs]
            for (doc_id, _), labels in zip(chunk, tag_tokens([t for _, t in chunk]), strict=True):
                out.write(json.dumps({"id": doc_id, "labels": labels}, ensure_ascii=False) + "\n")
    return len(docs)
