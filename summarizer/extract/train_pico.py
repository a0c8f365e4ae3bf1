"""Train the PICO tagger: multilingual-e5-small with its lower layers frozen, top layers + head
fine-tuned, on CPU.

Steps:
1. read the EBM-NLP training folds (P/I/O per word; ``dev.txt`` is never read here) and the
   PICO-Corpus (breast cancer, BRAT: comparator and arm sizes);
2. tokenize into windows of at most 512 sub-tokens; every sub-token carries its word's set of
   allowed labels (a bit mask over ``LABELS``; EBM-NLP's ``i`` allows I or C, since EBM-NLP
   annotates comparators as interventions; PICO-Corpus supervises only its I, C and arm-size
   words);
3. run the embeddings and the lower ``cache_layers`` (default: all ``frozen``) layers once,
   caching their output (fp16, 768 bytes a sub-token) in ``cache``; frozen layers above the
   cache run forward only in each step;
4. train the top layers and a linear head over the cache, loss ``-log P(allowed labels)``,
   the learning rate decaying linearly to zero by the last step or the time budget;
5. after each check on the held-out slice of the folds, keep the best weights (fp16) and
   per-label logit biases tuned on that slice in ``out``;
6. finally label the held-out slice through the inference path and tune the biases and the
   label-switch penalty of the decoder (``tagger.best_labels``) on it.
"""

from __future__ import annotations

import json
import logging
import math
import random
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.errors import InputError, ModelError
from summarizer.extract.tagger import (
    CONFIG,
    LABELS,
    WEIGHTS,
    WORD_RE,
    window_spans,
)

log = logging.getLogger(__name__)

BIT = {label: 1 << k for k, label in enumerate(LABELS)}
EBM_ALLOWED = {"N": BIT["-"], "p": BIT["P"], "i": BIT["I"] | BIT["C"], "o": BIT["O"]}
PICO_ALLOWED = {"intervention": BIT["I"], "control": BIT["C"], "total-participants": BIT["P"],
                "intervention-participants": BIT["P"], "control-participants": BIT["P"]}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])|\n+")
EBM_FOLDS = ("fold0_train.txt", "fold1_train.txt", "fold2_train.txt")


@dataclass
class Doc:
    """A training document: words and, per word, a bit mask of allowed labels (0: no loss)."""

    id: str
    words: list[str]
    allowed: list[int]


@dataclass
class TrainConfig:
    """Hyper-parameters. layers: encoder layers kept (the lowest of the base's 12; fewer
    layers tag faster); frozen: lower encoder layers never trained; cache_layers:
    layers whose output is cached (<= frozen; None: frozen); val_docs: EBM
    documents held out of the folds for checks and bias tuning; minutes: time budget of the
    training loop (the cache pass not counted); init: a trained tagger folder to start from."""

    layers: int = 12
    frozen: int = 8
    cache_layers: int | None = None
    epochs: float = 2.0
    lr: float = 1e-4
    head_lr: float = 5e-4
    warmup: float = 0.04
    batch_subtokens: int = 4096
    val_docs: int = 150
    eval_every: int = 150
    minutes: float = 600.0
    threads: int = 2
    seed: int = 13
    pico_corpus: bool = True
    init: str | None = None


@dataclass
class Cache:
    """Frozen-layer outputs. hidden: float16 (n_subtokens, 384), windows back to back;
    allowed: uint8 (n_subtokens,); first: bool (n_subtokens,), first sub-token of a word;
    starts/lengths: per window; is_val: per window; layers: encoder layers run to make it."""

    layers: int
    hidden: Any
    allowed: Any
    first: Any
    starts: list[int]
    lengths: list[int]
    is_val: list[bool] = field(default_factory=list)


def read_ebm(path: Path) -> list[Doc]:
    """An EBM-NLP CoNLL-like file (``-DOCSTART- -PMID- O O``, then ``token POS label``)."""
    docs: list[Doc] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            parts = line.split()
            if line.startswith("-DOCSTART-"):
                docs.append(Doc(parts[1].strip("-"), [], []))
            elif parts:
                if not docs or parts[-1] not in EBM_ALLOWED:
                    raise InputError(str(path), f"expected 'token POS N|p|i|o' after a "
                                     f"-DOCSTART- line, got {line.strip()!r}", f"line {number}")
                docs[-1].words.append(parts[0])
                docs[-1].allowed.append(EBM_ALLOWED[parts[-1]])
    return [d for d in docs if d.words]


def read_pico_corpus(folder: Path) -> list[Doc]:
    """PICO-Corpus BRAT pairs (``PMID.txt``, ``PMID.ann``) -> one Doc per sentence that holds an
    intervention, control or arm-size word (``WORD_RE`` words, masks from those spans); the
    other sentences carry no supervision and are left out."""
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        spans = _brat_spans(txt.with_suffix(".ann"))
        for number, (start, end) in enumerate(_sentences(text)):
            words, allowed = [], []
            for match in WORD_RE.finditer(text, start, end):
                words.append(match.group())
                allowed.append(_mask_for(*match.span(), spans))
            if any(allowed):
                docs.append(Doc(f"{txt.stem}:{number}", words, allowed))
    return docs


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of an English abstract (split after . ! ? or a line end)."""
    cuts = [m.end() for m in SENTENCE_END.finditer(text)]
    return [(s, e) for s, e in zip([0, *cuts], [*cuts, len(text)], strict=True) if e > s]


def _brat_spans(ann: Path) -> list[tuple[int, int, int]]:
    """``T`` lines of a BRAT file -> [(start, end, allowed bit)] for the labels we learn from."""
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T") or "\t" not in line:
            continue
        label, _, ranges = line.split("\t")[1].partition(" ")
        if label in PICO_ALLOWED:
            for part in ranges.split(";"):
                s, e = (int(x) for x in part.split())
                spans.append((s, e, PICO_ALLOWED[label]))
    return spans


def _mask_for(start: int, end: int, spans: list[tuple[int, int, int]]) -> int:
    mask = 0
    for s, e, bit in spans:
        if s < end and start < e:
            mask |= bit
    return mask


def load_docs(data: Path, config: TrainConfig) -> tuple[list[Doc], list[Doc]]:
    """``data`` is ``pico/`` (holding ``ebm_nlp_train/`` and ``pico_corpus_breast_cancer/``)
    -> (training docs, held-out EBM docs: the last ``val_docs`` of fold 2)."""
    ebm = data / "ebm_nlp_train"
    missing = [f for f in EBM_FOLDS if not (ebm / f).exists()]
    if missing:
        raise InputError(str(data), f"missing {', '.join(missing)} under ebm_nlp_train/; "
                         "pass --data pointing at the folder that holds ebm_nlp_train/")
    folds = [doc for name in EBM_FOLDS for doc in read_ebm(ebm / name)]
    train, val = folds[: -config.val_docs], folds[-config.val_docs :]
    corpus = data / "pico_corpus_breast_cancer"
    if config.pico_corpus and corpus.is_dir():
        train += read_pico_corpus(corpus)
    return train, val


def encode_docs(tokenizer: Any, docs: list[Doc]) -> list[tuple[list[int], list[int], list[bool]]]:
    """Docs -> windows of (sub-token ids, allowed masks, first-of-word flags), <= 510 long."""
    windows = []
    for doc in docs:
        enc = tokenizer(doc.words, is_split_into_words=True, add_special_tokens=False)
        owner = enc.word_ids()
        allowed = [doc.allowed[w] if w is not None else 0 for w in owner]
        first = [w is not None and (k == 0 or owner[k - 1] != w) for k, w in enumerate(owner)]
        for s, e in window_spans(len(owner)):
            windows.append((enc["input_ids"][s:e], allowed[s:e], first[s:e]))
    return windows


def build_cache(base: Path, windows: list, n_val: int, layers: int,
                config: TrainConfig) -> Cache:
    """Run embeddings + the lower ``layers`` encoder layers over every window (the last
    ``n_val`` are held-out) -> Cache, sub-token rows in window order (with <s> and </s>)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(base))
    model = AutoModel.from_pretrained(str(base), add_pooling_layer=False, dtype=torch.float32)
    model.encoder.layer = model.encoder.layer[:layers]
    model.eval()
    lengths = [len(ids) + 2 for ids, _, _ in windows]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    hidden = torch.zeros((int(sum(lengths)), model.config.hidden_size), dtype=torch.float16)
    order = sorted(range(len(windows)), key=lambda j: lengths[j])
    began = time.time()
    for number, batch in enumerate(_batches([lengths[j] for j in order], config.batch_subtokens)):
        rows = [order[j] for j in batch]
        ids, mask = _pad([[tok.cls_token_id, *windows[r][0], tok.sep_token_id] for r in rows],
                         tok.pad_token_id)
        with torch.inference_mode():
            out = model(input_ids=ids, attention_mask=mask).last_hidden_state
        for k, r in enumerate(rows):
            hidden[starts[r] : starts[r] + lengths[r]] = out[k, : lengths[r]].half()
        if number % 25 == 0:
            log.info("cache: batch %d, %.0f s", number, time.time() - began)
    allowed = np.concatenate([[0, *a, 0] for _, a, _ in windows]).astype(np.uint8)
    first = np.concatenate([[False, *f, False] for _, _, f in windows]).astype(bool)
    is_val = [j >= len(windows) - n_val for j in range(len(windows))]
    return Cache(layers, hidden, allowed, first, starts.tolist(), lengths, is_val)


def _batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Indices of length-sorted items grouped so that count * longest <= budget (at least one
    item a group)."""
    groups: list[list[int]] = []
    for j, n in enumerate(lengths):
        if groups and (len(groups[-1]) + 1) * max(n, lengths[groups[-1][0]]) <= budget:
            groups[-1].append(j)
        else:
            groups.append([j])
    return groups


def _pad(rows: list[list[int]], pad: int) -> tuple[Any, Any]:
    """Token-id rows -> (ids, mask) long tensors (n, longest), right-padded."""
    import torch

    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for k, r in enumerate(rows):
        ids[k, : len(r)] = torch.tensor(r)
        mask[k, : len(r)] = 1
    return ids, mask


def save_cache(cache: Cache, path: Path) -> None:
    import torch

    torch.save(asdict(cache), path)


def load_cache(path: Path) -> Cache:
    import torch

    return Cache(**torch.load(path, weights_only=False))


def build_top(base: Path, start: int, frozen: int, layers: int = 12) -> Any:
    """The part above the cache (layers ``start``..``layers - 1``, of which those below
    ``frozen`` stay fixed and run without gradients) and a fresh head: a torch Module,
    forward(hidden (B, L, H) float32, mask (B, L)) -> logits (B, L, 5)."""
    import torch
    from transformers import AutoModel
    from transformers.masking_utils import create_bidirectional_mask

    encoder = AutoModel.from_pretrained(str(base), add_pooling_layer=False, dtype=torch.float32)

    class Top(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.config = encoder.config
            self.fixed = torch.nn.ModuleList(encoder.encoder.layer[start:frozen])
            self.fixed.requires_grad_(False)
            self.layers = torch.nn.ModuleList(encoder.encoder.layer[frozen:layers])
            self.dropout = torch.nn.Dropout(0.1)
            self.classifier = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))

        def forward(self, hidden, mask):
            mask4 = create_bidirectional_mask(config=self.config, inputs_embeds=hidden,
                                              attention_mask=mask)
            with torch.no_grad():
                for layer in self.fixed:
                    hidden = layer(hidden, mask4)
            for layer in self.layers:
                hidden = layer(hidden, mask4)
            return self.classifier(self.dropout(hidden))

    return Top()


def allowed_loss(logits: Any, allowed: Any) -> Any:
    """Mean over supervised sub-tokens of -log sum_{allowed labels} p.
    logits: (B, L, 5) float; allowed: (B, L) uint8 bit masks (0: not supervised)."""
    import torch

    bits = torch.tensor([BIT[label] for label in LABELS], dtype=torch.uint8)
    ok = (allowed.unsqueeze(-1) & bits) > 0
    logp = torch.log_softmax(logits, dim=-1)
    per_token = -torch.logsumexp(logp.masked_fill(~ok, -1e4), dim=-1)
    supervised = allowed > 0
    return per_token[supervised].mean()


def batch_from_cache(cache: Cache, rows: list[int]) -> tuple[Any, Any, Any, Any]:
    """Window indices -> (hidden float32 (B, L, H), mask (B, L), allowed (B, L) uint8,
    first (B, L) bool), right-padded."""
    import torch

    width = max(cache.lengths[r] for r in rows)
    hidden = torch.zeros((len(rows), width, cache.hidden.shape[1]))
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    allowed = torch.zeros((len(rows), width), dtype=torch.uint8)
    first = torch.zeros((len(rows), width), dtype=torch.bool)
    for k, r in enumerate(rows):
        s, n = cache.starts[r], cache.lengths[r]
        hidden[k, :n] = cache.hidden[s : s + n].float()
        mask[k, :n] = 1
        allowed[k, :n] = torch.from_numpy(cache.allowed[s : s + n])
        first[k, :n] = torch.from_numpy(cache.first[s : s + n])
    return hidden, mask, allowed, first


def plan_batches(cache: Cache, budget: int, rng: random.Random) -> list[list[int]]:
    """Training windows grouped by length (count * longest <= budget), groups shuffled."""
    rows = [j for j, v in enumerate(cache.is_val) if not v]
    rows.sort(key=lambda j: (cache.lengths[j], rng.random()))
    groups = [[rows[k] for k in g] for g in _batches([cache.lengths[j] for j in rows], budget)]
    rng.shuffle(groups)
    return groups


def val_logprobs(top: Any, cache: Cache, budget: int) -> tuple[np.ndarray, np.ndarray]:
    """Held-out windows -> (log-probabilities (n_words, 5) at first sub-tokens, gold masks)."""
    import torch

    rows = sorted((j for j, v in enumerate(cache.is_val) if v), key=lambda j: cache.lengths[j])
    logps, golds = [], []
    top.eval()
    for group in _batches([cache.lengths[j] for j in rows], budget):
        hidden, mask, allowed, first = batch_from_cache(cache, [rows[k] for k in group])
        with torch.inference_mode():
            logp = torch.log_softmax(top(hidden, mask), dim=-1)
        logps.append(logp[first].numpy())
        golds.append(allowed[first].numpy())
    top.train()
    return np.concatenate(logps), np.concatenate(golds)


def macro_f1(pred: np.ndarray, gold: np.ndarray) -> tuple[float, dict[str, float]]:
    """EBM-style scores at word level. pred: label indices (n,); gold: EBM bit masks (n,);
    C counts as I. -> (macro F1 over P, I, O; per-class F1)."""
    names = np.array(LABELS)[pred]
    names[names == "C"] = "I"
    gold_names = np.full(len(gold), "-", dtype=object)
    for label in ("P", "O"):
        gold_names[gold == BIT[label]] = label
    gold_names[(gold & BIT["I"]) > 0] = "I"
    per = {}
    for label in ("P", "I", "O"):
        tp = int(np.sum((names == label) & (gold_names == label)))
        fp = int(np.sum((names == label) & (gold_names != label)))
        fn = int(np.sum((names != label) & (gold_names == label)))
        per[label] = 2 * tp / max(2 * tp + fp + fn, 1)
    return float(np.mean(list(per.values()))), per


def tune_bias(predict: Callable[[np.ndarray], np.ndarray], gold: np.ndarray,
              start: np.ndarray | None = None, rounds: int = 2) -> tuple[np.ndarray, float]:
    """Per-label additive logit biases (5,) maximizing held-out macro F1, by coordinate search
    over a grid (C shares I's bias). predict: biases -> label indices (n,) aligned with
    ``gold``; -> (bias, macro F1 with it)."""
    bias = np.zeros(len(LABELS), dtype=np.float32) if start is None else start.copy()
    best = macro_f1(predict(bias), gold)[0]
    for _ in range(rounds):
        for label in ("P", "I", "O"):
            for value in np.arange(-1.0, 2.01, 0.25):
                trial = bias.copy()
                columns = [LABELS.index(label)] + ([LABELS.index("C")] if label == "I" else [])
                trial[columns] = value
                score = macro_f1(predict(trial), gold)[0]
                if score > best + 1e-6:
                    best, bias = score, trial
    return bias, best


SWITCH_GRID = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0)


def tune_decoding(out: Path, val: list[Doc]) -> dict[str, Any]:
    """Label the held-out documents through the inference path (``load_tagger``, sub-tokens
    pooled per word) and choose the biases and the label-switch penalty of ``best_labels``
    that maximize their macro F1; both are written into ``out``'s tagger.json.
    -> the updated tagger.json contents (``held_out_decoded``: the held-out figures)."""
    from summarizer.extract.tagger import best_labels, load_tagger, word_logprobs

    load_tagger.cache_clear()
    tagger = load_tagger(out)
    logps = word_logprobs(tagger, [doc.words for doc in val])
    real = np.zeros((len(val), max(len(x) for x in logps)), dtype=bool)
    scores = np.zeros((*real.shape, len(LABELS)), dtype=np.float32)
    for k, logp in enumerate(logps):
        real[k, : len(logp)] = True
        scores[k, : len(logp)] = logp
    gold = np.concatenate([np.asarray(doc.allowed) for doc in val])

    def decoder(switch: float) -> Callable[[np.ndarray], np.ndarray]:
        # biases only on real units: on the zero padding they would pull the last label
        return lambda bias: best_labels(scores + bias * real[..., None], switch)[real]

    bias, _ = tune_bias(decoder(0.0), gold)
    switch = max(SWITCH_GRID, key=lambda value: macro_f1(decoder(value)(bias), gold)[0])
    bias, best = tune_bias(decoder(switch), gold, start=bias, rounds=1)
    per = macro_f1(decoder(switch)(bias), gold)[1]
    config = json.loads((out / CONFIG).read_text())
    config.update(bias=[round(float(b), 3) for b in bias], switch=switch,
                  held_out_decoded={"docs": len(val), "macro_f1": round(best, 4),
                                    "f1": {k: round(v, 4) for k, v in per.items()}})
    (out / CONFIG).write_text(json.dumps(config, indent=2) + "\n")
    load_tagger.cache_clear()
    log.info("decoding tuned on %d held-out docs: macro F1 %.4f, switch %g", len(val), best,
             switch)
    return config


def load_trained(top: Any, folder: Path, frozen: int) -> None:
    """Start ``top`` (trainable from layer ``frozen`` up) from a saved tagger trained with
    the same or more frozen layers; the layers it did not train stay the base model's, and
    its layers above ``top``'s are left out."""
    from safetensors.torch import load_file

    saved = json.loads((folder / CONFIG).read_text()).get("frozen_layers")
    if not isinstance(saved, int):
        raise ModelError(f"{folder / CONFIG} names no frozen_layers; is it a saved tagger?")
    if saved < frozen:
        raise ModelError(f"{folder} was trained with --frozen {saved}; pass --frozen {saved} "
                         "or fewer")
    state = {}
    for name, tensor in load_file(str(folder / WEIGHTS)).items():
        if name.startswith("encoder.layer."):
            index, rest = name.removeprefix("encoder.layer.").split(".", 1)
            if int(index) - frozen >= len(top.layers):
                continue
            name = f"layers.{int(index) - frozen}.{rest}"
        state[name] = tensor.float()
    untrained = tuple(f"layers.{k}." for k in range(saved - frozen))
    missing = [k for k in top.load_state_dict(state, strict=False).missing_keys
               if not k.startswith(("fixed.", *untrained))]
    if missing:
        raise ModelError(f"{folder / WEIGHTS} lacks {missing[:3]}; is it a saved tagger?")


def save_model(top: Any, frozen: int, out: Path, meta: dict[str, Any]) -> None:
    """Trained layers (renamed to their ``BertModel`` keys) + head, fp16 safetensors, and
    ``tagger.json`` (meta: base, labels, biases, scores, hyper-parameters, timings)."""
    from safetensors.torch import save_file

    state = {}
    for name, tensor in top.state_dict().items():
        if name.startswith("fixed."):
            continue
        if name.startswith("layers."):
            index, rest = name.removeprefix("layers.").split(".", 1)
            name = f"encoder.layer.{frozen + int(index)}.{rest}"
        state[name] = tensor.detach().half().contiguous()
    out.mkdir(parents=True, exist_ok=True)
    save_file(state, str(out / WEIGHTS), metadata={"format": "pt"})
    (out / CONFIG).write_text(json.dumps(meta, indent=2) + "\n")


def train_pico(data: Path, out: Path, cache_path: Path | None = None,
               config: TrainConfig | None = None) -> dict[str, Any]:
    """Train the tagger on ``data`` (the ``pico/`` folder) and write it to ``out``.
    -> the saved ``tagger.json`` contents (held-out scores, timings)."""
    import torch

    from summarizer.models import E5_NAME, e5_model_dir

    config = config or TrainConfig()
    if not config.frozen <= config.layers <= 12:
        raise ModelError(f"--layers {config.layers} must lie between --frozen "
                         f"{config.frozen} and 12")
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    base = e5_model_dir()
    began = time.time()
    cache = _cache(base, data, cache_path, config)
    cache_seconds = time.time() - began
    top = build_top(base, cache.layers, config.frozen, config.layers)
    if config.init:
        load_trained(top, Path(config.init), config.frozen)
    meta = {"base": E5_NAME, "layers": config.layers, "frozen_layers": config.frozen,
            "labels": list(LABELS), "bias": [0.0] * len(LABELS),
            "hyper_parameters": asdict(config),
            "cache_seconds": round(cache_seconds)}
    _train_loop(top, cache, config, out, meta)
    return tune_decoding(out, load_docs(data, config)[1])


def _cache(base: Path, data: Path, cache_path: Path | None, config: TrainConfig) -> Cache:
    """Load the frozen-layer cache from ``cache_path`` if there, else build (and save) it."""
    from transformers import AutoTokenizer

    layers = config.frozen if config.cache_layers is None else config.cache_layers
    if not 0 <= layers <= config.frozen:
        raise ModelError(f"cannot cache {layers} layers with {config.frozen} frozen; "
                         "use --cache-layers between 0 and --frozen")
    if cache_path is not None and cache_path.exists():
        log.info("cache: reading %s", cache_path)
        cache = load_cache(cache_path)
        if cache.layers > config.frozen:
            raise ModelError(f"{cache_path} holds the output of {cache.layers} layers, more "
                             f"than --frozen {config.frozen}; delete it or raise --frozen")
        return cache
    train, val = load_docs(data, config)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    windows = encode_docs(tokenizer, train)
    val_windows = encode_docs(tokenizer, val)
    log.info("docs: %d train, %d held out; windows %d + %d; sub-tokens %d", len(train),
             len(val), len(windows), len(val_windows), sum(len(w[0]) for w in windows))
    cache = build_cache(base, windows + val_windows, len(val_windows), layers, config)
    if cache_path is not None:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        save_cache(cache, cache_path)
    return cache


def _train_loop(top: Any, cache: Cache, config: TrainConfig, out: Path,
                meta: dict[str, Any]) -> None:
    """AdamW over the cache; the learning rate warms up, then decays linearly to zero at the
    last step or at the time budget, whichever comes first. Saves the best held-out model."""
    import torch

    per_epoch = len(plan_batches(cache, config.batch_subtokens, random.Random(0)))
    total = max(1, math.ceil(per_epoch * config.epochs))
    head = list(top.classifier.parameters())
    body = [p for n, p in top.named_parameters() if not n.startswith("classifier.")]
    optim = torch.optim.AdamW([{"params": body, "lr": config.lr},
                               {"params": head, "lr": config.head_lr}], weight_decay=0.01)
    began, best = time.time(), -1.0
    top.train()
    for step, rows in enumerate(_endless(cache, config), 1):
        done = max((step - 1) / total, (time.time() - began) / (60 * config.minutes))
        if done >= 1.0:
            break
        scale = min(done / config.warmup, (1 - done) / (1 - config.warmup))
        for group, lr in zip(optim.param_groups, (config.lr, config.head_lr), strict=True):
            group["lr"] = lr * scale
        hidden, mask, allowed, _ = batch_from_cache(cache, rows)
        loss = allowed_loss(top(hidden, mask), allowed)
        optim.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
        optim.step()
        if step % 25 == 0:
            log.info("step %d/%d loss %.4f %.1f min", step, total, loss.item(),
                     (time.time() - began) / 60)
        if step % config.eval_every == 0:
            best = _check(top, cache, config, out, meta, step, began, best)
    _check(top, cache, config, out, meta, step - 1, began, best)


def _endless(cache: Cache, config: TrainConfig):
    """Training batches (window indices), epoch after epoch, each epoch freshly shuffled."""
    rng = random.Random(config.seed)
    while True:
        yield from plan_batches(cache, config.batch_subtokens, rng)


def _check(top: Any, cache: Cache, config: TrainConfig, out: Path, meta: dict[str, Any],
           step: int, began: float, best: float) -> float:
    """Score the held-out slice; save the model with tuned biases if it is the best so far.
    -> the best tuned macro F1."""
    logp, gold = val_logprobs(top, cache, config.batch_subtokens)
    raw, per = macro_f1(np.argmax(logp, 1), gold)
    bias, tuned = tune_bias(lambda b: np.argmax(logp + b, 1), gold)
    log.info("check step %d: held-out macro F1 %.4f (P %.3f I %.3f O %.3f), tuned %.4f", step,
             raw, per["P"], per["I"], per["O"], tuned)
    if tuned > best:
        meta.update(bias=[round(float(b), 3) for b in bias], step=step,
                    train_minutes=round((time.time() - began) / 60, 1),
                    held_out={"docs": config.val_docs, "macro_f1_raw": round(raw, 4),
                              "macro_f1_tuned": round(tuned, 4),
                              "f1_raw": {k: round(v, 4) for k, v in per.items()}})
        save_model(top, config.frozen, out, meta)
        log.info("saved %s (step %d)", out, step)
        return tuned
    return best
