"""Span vectors for the aligner.

A bead joins up to four sentences of one side, so the aligner needs a vector for runs of
consecutive sentences. Each sentence is encoded alone; a run's vector is first the normalized
sum of its sentences' vectors (cheap), and the runs that can change the best path are then
re-encoded as joined text and override the sums (``SideStates.overrides``).

``encode_side_in_context`` is the other cheap option measured: the whole side encoded in
windows of whole sentences ("late chunking"), a run's vector the mean of its token states.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from summarizer.models import Encoder


@dataclass
class SideStates:
    """Per-sentence pooled token states of one side of a document.

    sums: array (n_sentences, dim), the sum of each sentence's final hidden states;
    counts: array (n_sentences,), its number of tokens (at least 1).
    """

    sums: np.ndarray
    counts: np.ndarray
    overrides: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.counts)

    def span(self, start: int, length: int) -> np.ndarray:
        """The L2-normalized vector of sentences [start, start + length): array (dim,)."""
        if (start, length) in self.overrides:
            return self.overrides[start, length]
        vec = self.sums[start : start + length].sum(0) / self.counts[start : start + length].sum()
        return vec / max(float(np.linalg.norm(vec)), 1e-9)

    def spans(self, length: int) -> np.ndarray:
        """Vectors of every run of ``length`` sentences: array (n - length + 1, dim), row i is
        the run starting at sentence i (empty when the side is shorter than ``length``)."""
        n = len(self)
        if n < length:
            return np.zeros((0, self.sums.shape[1]), dtype=np.float32)
        csum = np.concatenate([np.zeros((1, self.sums.shape[1])), np.cumsum(self.sums, 0)])
        ccount = np.concatenate([[0.0], np.cumsum(self.counts)])
        vecs = (csum[length:] - csum[:-length]) / (ccount[length:] - ccount[:-length])[:, None]
        norms = np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        out = (vecs / norms).astype(np.float32)
        for (start, size), vec in self.overrides.items():
            if size == length:
                out[start] = vec
        return out


def encode_side(encoder: Encoder, sentences: list[str]) -> SideStates:
    """Each sentence encoded alone: SideStates with sums (n, dim) unit vectors, counts 1."""
    vecs = encoder.encode(sentences).astype(np.float64)
    return SideStates(vecs, np.ones(len(sentences)))


def join_run(sentences: list[str]) -> str:
    """Consecutive sentences as one text: joined by a space, except Chinese sentences that
    hold no spaces (joined directly)."""
    if all(" " not in s.strip() and not s.isascii() for s in sentences):
        return "".join(s.strip() for s in sentences)
    return " ".join(s.strip() for s in sentences)


def windows(lengths: list[int], budget: int) -> list[tuple[int, int]]:
    """Group consecutive sentences of the given token lengths into windows of at most
    ``budget`` tokens (a longer sentence gets a window alone): list of [start, end)."""
    out, start, used = [], 0, 0
    for i, n in enumerate(lengths):
        if i > start and used + n > budget:
            out.append((start, i))
            start, used = i, 0
        used += n
    if lengths:
        out.append((start, len(lengths)))
    return out


def encode_side_in_context(encoder: Encoder, sentences: list[str],
                           batch_size: int = 8) -> SideStates:
    """Encode one side of a document in context: sentences -> SideStates (n, dim).

    Each window is ``<s> prefix s_a s_a+1 ... </s>``; the prefix and special tokens count for
    no sentence. A sentence longer than the window is truncated (its kept tokens still count).
    """
    dim = encoder.dim
    if not sentences:
        return SideStates(np.zeros((0, dim), np.float32), np.zeros(0, np.float32))
    tok = encoder.tokenizer
    pieces = [tok.encode(s.strip(), add_special_tokens=False).ids for s in sentences]
    prefix = (tok.encode(encoder.prefix.strip(), add_special_tokens=False).ids
              if encoder.prefix else [])
    budget = encoder.max_length - 2 - len(prefix)
    pieces = [p[:budget] or [tok.token_to_id("<unk>") or 0] for p in pieces]
    groups = windows([len(p) for p in pieces], budget)
    groups.sort(key=lambda g: sum(len(p) for p in pieces[g[0] : g[1]]))
    sums = np.zeros((len(sentences), dim), dtype=np.float64)
    for b in range(0, len(groups), batch_size):
        _encode_windows(encoder, pieces, prefix, groups[b : b + batch_size], sums)
    counts = np.array([len(p) for p in pieces], dtype=np.float64)
    return SideStates(sums, counts)


def _encode_windows(encoder: Encoder, pieces: list[list[int]], prefix: list[int],
                    groups: list[tuple[int, int]], sums: np.ndarray) -> None:
    """Run one batch of windows and add each sentence's token-state sum into ``sums``."""
    import torch

    tok = encoder.tokenizer
    bos, eos = _special_ids(tok)
    rows = [[bos, *prefix, *[t for p in pieces[a:b] for t in p], eos] for a, b in groups]
    width = max(len(r) for r in rows)
    pad = encoder.model.config.pad_token_id or 0
    ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows])
    mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
    with torch.no_grad():
        hidden = encoder.model(input_ids=ids, attention_mask=mask).last_hidden_state.numpy()
    for row, (a, b) in enumerate(groups):
        pos = 1 + len(prefix)
        for i in range(a, b):
            sums[i] += hidden[row, pos : pos + len(pieces[i])].sum(0)
            pos += len(pieces[i])


def _special_ids(tok) -> tuple[int, int]:
    """(start, end) special token ids of a tokenizers.Tokenizer, from its post-processor."""
    ids = tok.encode("x").ids
    inner = tok.encode("x", add_special_tokens=False).ids
    if len(ids) >= len(inner) + 2:
        return ids[0], ids[-1]
    return (tok.token_to_id("<s>") or tok.token_to_id("[CLS]") or 0,
            tok.token_to_id("</s>") or tok.token_to_id("[SEP]") or 0)
