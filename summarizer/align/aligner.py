"""Monotone sentence alignment of English and Chinese by dynamic programming over beads.

A bead joins ``a`` English and ``b`` Chinese consecutive sentences, (a, b) in BEAD_TYPES. Its
quality ``q`` mixes the margin-normalized embedding similarity of the two runs with
language-independent anchors (shared numbers, shared Latin tokens, character-length ratio
against the document's own ratio, a bracket left open on one side only) and, when the
sentences' token states are given, for beads of three or more sentences a penalty when one
member finds little support among the other side's tokens (a sentence left untranslated must
not hide in a long bead); the path
maximizes the sum over beads of ``(a + b) / 2 * q - penalty[a, b]`` (a sentence left out
costs ``null_q / 2``). Every score is a matrix over start positions, computed with numpy,
so the DP loops only add and compare.
A forward and a backward pass give each bead's max-marginal gain, the basis of its confidence.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from summarizer.align.anchors import english_acronyms, english_words, latin_tokens, number_keys
from summarizer.align.embed import SideStates

BEAD_TYPES = [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1)]


@dataclass(frozen=True)
class Params:
    """Weights of the bead quality and the bead-type penalties (tuned on WMT Medline dev,
    confirmed on ParaMed dev by ``benchmarks/align_eval.py``)."""

    w_cos: float = 1.0
    w_margin: float = 5.0
    w_num: float = 0.1
    w_latin: float = 0.1
    w_len: float = 0.4
    w_bracket: float = 0.5
    w_member: float = 4.0
    member_floor: float = -0.05
    neighbours: int = 4
    null_q: float = -0.3
    pen_2: float = 0.4
    pen_22: float = 0.6
    pen_3: float = 0.6
    pen_4: float = 0.5

    def penalty(self, a: int, b: int) -> float:
        """Penalty of a bead type, in units of q."""
        if a == 0 or b == 0:
            return 0.0
        if (a, b) == (2, 2):
            return self.pen_22
        return {1: 0.0, 2: self.pen_2, 3: self.pen_3, 4: self.pen_4}[max(a, b)]

    def signature(self) -> str:
        return ",".join(f"{k}={v:g}" for k, v in asdict(self).items())


@dataclass
class Side:
    """One side of a document: sentences, their vectors, characters per sentence and, when
    known, each sentence's token vectors (``Encoder.token_states``)."""

    sentences: list[str]
    states: SideStates
    chars: np.ndarray  # (n,) characters per sentence, spaces excluded
    tokens: list[np.ndarray] | None = None  # per sentence (tokens, dim), unit rows


def make_side(sentences: list[str], states: SideStates,
              tokens: list[np.ndarray] | None = None) -> Side:
    if tokens is not None and len(tokens) != len(sentences):
        raise ValueError(f"{len(tokens)} token arrays for {len(sentences)} sentences")
    chars = np.array([len("".join(s.split())) for s in sentences], dtype=np.float64)
    return Side(sentences, states, chars, tokens)


def _runs(side: Side, length: int) -> list[str]:
    n = len(side.sentences)
    return [" ".join(side.sentences[i : i + length]) for i in range(n - length + 1)]


def _binary(items: list[set[str]], vocab: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(items), max(len(vocab), 1)), dtype=np.float64)
    for row, keys in enumerate(items):
        for key in keys:
            if key in vocab:
                out[row, vocab[key]] = 1.0
    return out


def _agreement(matched: np.ndarray, total: np.ndarray) -> np.ndarray:
    """2 * matched / total - 1 in [-1, 1], 0 where there is nothing to compare."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, 2.0 * matched / np.maximum(total, 1e-9) - 1.0, 0.0)


def number_matrix(en_runs: list[str], zh_runs: list[str]) -> np.ndarray:
    """Agreement of the sets of numbers of every English run with every Chinese run."""
    en_sets = [number_keys(t) for t in en_runs]
    zh_sets = [number_keys(t) for t in zh_runs]
    vocab = {k: i for i, k in enumerate(sorted(set().union(*en_sets, *zh_sets)))}
    e, z = _binary(en_sets, vocab), _binary(zh_sets, vocab)
    matched = e @ z.T
    total = e.sum(1)[:, None] + z.sum(1)[None, :] - matched
    return _agreement(matched, total)


def latin_matrix(en_runs: list[str], zh_runs: list[str]) -> np.ndarray:
    """Minus the share of Latin tokens (2+ characters) found on one side only, in [-1, 0]:
    the Chinese run's tokens missing from the English run plus the English run's acronyms
    missing from the Chinese run, over all of them (0 when neither side has any). A penalty,
    not a bonus: a bonus for shared tokens favours long runs (it cost 1-3 points on dev)."""
    zh_sets = [{t for t in latin_tokens(x) if len(t) > 1} for x in zh_runs]
    vocab = {k: i for i, k in enumerate(sorted(set().union(*zh_sets)))}
    acr_sets = [english_acronyms(t) for t in en_runs]
    z = _binary(zh_sets, vocab)
    e = _binary([english_words(t) for t in en_runs], vocab)
    acr_in_zh = _binary(acr_sets, vocab)
    n_acr = np.array([len(s) for s in acr_sets], dtype=np.float64)
    matched = e @ z.T
    total = z.sum(1)[None, :] + n_acr[:, None] - acr_in_zh @ z.T
    return np.where(total > 0, matched / np.maximum(total, 1e-9) - 1.0, 0.0)


OPENING, CLOSING = "([（【［", ")]）】］"


def unbalanced(text: str) -> bool:
    """True when ``text`` closes a bracket it did not open or leaves one open: a sentence
    split inside a parenthesis, whose other part belongs in the same bead."""
    depth = 0
    for char in text:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth -= 1
            if depth < 0:
                return True
    return depth > 0


def bracket_matrix(en_runs: list[str], zh_runs: list[str]) -> np.ndarray:
    """1 where one run of a bead has unbalanced brackets and the other has not, else 0. Both
    unbalanced is a broken parenthesis in the source that the translation kept."""
    en = np.array([unbalanced(t) for t in en_runs], dtype=np.float64)
    zh = np.array([unbalanced(t) for t in zh_runs], dtype=np.float64)
    return np.abs(en[:, None] - zh[None, :])


def _neighbour_mean(sims: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Mean of the k largest similarities along ``axis`` (k capped by the axis length)."""
    k = max(1, min(int(k), sims.shape[axis]))
    part = -np.sort(-sims, axis=axis)
    return part.take(range(k), axis=axis).mean(axis=axis)


def _window(x: np.ndarray, size: int, axis: int, reduce) -> np.ndarray:
    """``reduce`` (np.max, np.min, np.mean) over every run of ``size`` along ``axis``."""
    return reduce(np.lib.stride_tricks.sliding_window_view(x, size, axis=axis), axis=-1)


@dataclass
class TokenSupport:
    """How well each sentence's tokens are matched by each sentence of the other side.

    en: per English sentence k, array (tokens of k, m): each token's best cosine with a token
    of Chinese sentence l; zh: per Chinese sentence l, array (tokens of l, n), likewise.
    """

    en: list[np.ndarray]
    zh: list[np.ndarray]


def token_support(en_tokens: list[np.ndarray], zh_tokens: list[np.ndarray]) -> TokenSupport:
    """Best token matches of every sentence pair, one English sentence at a time (a whole
    document's token-by-token matrix would take hundreds of MB on a long article). Every
    array needs at least one row (``Encoder.token_states`` keeps one)."""
    zh_all = np.concatenate(zh_tokens).astype(np.float32)
    starts = np.cumsum([0] + [len(t) for t in zh_tokens[:-1]])
    en_best, zh_columns = [], []
    for tokens in en_tokens:
        sims = tokens.astype(np.float32) @ zh_all.T  # (tokens of k, all Chinese tokens)
        en_best.append(np.maximum.reduceat(sims, starts, axis=1))
        zh_columns.append(sims.max(axis=0))
    zh_best = np.split(np.stack(zh_columns, axis=1), starts[1:])
    return TokenSupport(en_best, zh_best)


def _run_support(best: list[np.ndarray], size: int) -> np.ndarray:
    """Support of each sentence of one side by each run of ``size`` sentences of the other:
    the mean over its tokens of their best match in the run; array (sentences, runs)."""
    return np.stack([_window(b, size, 1, np.max).mean(axis=0) for b in best])


def member_matrices(support: TokenSupport, params: Params) -> dict[tuple[int, int], np.ndarray]:
    """For each bead type (a, b) with a + b > 2: the support of its weakest member, arrays
    (n - a + 1, m - b + 1). A member's support is the mean over its tokens of the best cosine
    with a token of the other run; it is margin-normalized like the sentence vectors, against
    the mean of the ``neighbours`` best single-sentence supports of the bead's sentences."""
    n, m = len(support.en), len(support.zh)
    base = (_run_support(support.en, 1) + _run_support(support.zh, 1).T) / 2.0  # (n, m)
    nn_en = _neighbour_mean(base, params.neighbours, 1)
    nn_zh = _neighbour_mean(base, params.neighbours, 0)
    out = {}
    for a, b in BEAD_TYPES:
        if a == 0 or b == 0 or a + b <= 2 or a > n or b > m:
            continue
        weakest = np.minimum(_window(_run_support(support.en, b), a, 0, np.min),
                             _window(_run_support(support.zh, a), b, 0, np.min).T)
        expected = (_window(nn_en, a, 0, np.mean)[:, None]
                    + _window(nn_zh, b, 0, np.mean)[None, :]) / 2.0
        out[a, b] = weakest - expected
    return out


def side_support(en: Side, zh: Side) -> TokenSupport | None:
    """The token support of the two sides, or None when token states are not known."""
    if en.tokens is None or zh.tokens is None or not en.sentences or not zh.sentences:
        return None
    return token_support(en.tokens, zh.tokens)


def anchor_matrices(en: Side, zh: Side, params: Params, support: TokenSupport | None = None
                    ) -> dict[tuple[int, int], np.ndarray]:
    """The part of every bead's quality that does not depend on the run vectors (numbers,
    Latin tokens, length, brackets, weakest-member support), per bead type (a, b) with a, b > 0:
    arrays (n - a + 1, m - b + 1). Computed once per document and shared by the alignment
    before and after the multi-sentence runs are re-encoded. ``support``: ``side_support(en,
    zh)`` when already computed."""
    n, m = len(en.sentences), len(zh.sentences)
    ratio = (zh.chars.sum() + 1.0) / (en.chars.sum() + 1.0)
    support = support or side_support(en, zh)
    members = member_matrices(support, params) if support is not None else {}
    out = {}
    for a, b in BEAD_TYPES:
        if a == 0 or b == 0 or a > n or b > m:
            continue
        ce = np.convolve(en.chars, np.ones(a), "valid")
        cz = np.convolve(zh.chars, np.ones(b), "valid")
        length = np.abs(np.log((cz[None, :] + 1.0) / ((ce[:, None] + 1.0) * ratio)))
        en_runs, zh_runs = _runs(en, a), _runs(zh, b)
        out[a, b] = (params.w_num * number_matrix(en_runs, zh_runs)
                     + params.w_latin * latin_matrix(en_runs, zh_runs)
                     - params.w_len * length
                     - params.w_bracket * bracket_matrix(en_runs, zh_runs))
        if (a, b) in members:
            out[a, b] += params.w_member * np.minimum(0.0, members[a, b] - params.member_floor)
    return out


def quality_matrices(en: Side, zh: Side, params: Params,
                     anchors: dict[tuple[int, int], np.ndarray] | None = None
                     ) -> dict[tuple[int, int], np.ndarray]:
    """For each bead type (a, b) with a, b > 0: q[i, j] of the bead joining English
    sentences [i, i + a) and Chinese [j, j + b); arrays (n - a + 1, m - b + 1). ``anchors``:
    ``anchor_matrices(en, zh, params)`` when already computed."""
    if anchors is None:
        anchors = anchor_matrices(en, zh, params)
    single_en, single_zh = en.states.spans(1), zh.states.spans(1)
    out = {}
    for a, b in anchors:
        ve, vz = en.states.spans(a), zh.states.spans(b)
        cos = ve @ vz.T
        nn_e = _neighbour_mean(ve @ single_zh.T, params.neighbours, 1)
        nn_z = _neighbour_mean(vz @ single_en.T, params.neighbours, 1)
        margin = cos - (nn_e[:, None] + nn_z[None, :]) / 2.0
        out[a, b] = params.w_cos * cos + params.w_margin * margin + anchors[a, b]
    return out


@dataclass
class Step:
    """One bead of the best path: English [i, i + a), Chinese [j, j + b), its quality q and
    its gain: how much the best path beats the best path that does not use this bead (its
    max-marginal margin, >= 0; large means no competing bead comes close)."""

    i: int
    j: int
    a: int
    b: int
    q: float
    gain: float


def bead_values(q: dict[tuple[int, int], np.ndarray], n: int, m: int,
                params: Params) -> dict[tuple[int, int], np.ndarray]:
    """Value of every bead, ``(a + b) / 2 * q - penalty``, as arrays (n - a + 1, m - b + 1)
    per type; null beads (1, 0)/(0, 1) get ``null_q / 2`` everywhere."""
    values = {}
    for a, b in BEAD_TYPES:
        if a > n or b > m:
            continue
        if a == 0 or b == 0:
            values[a, b] = np.full((n - a + 1, m - b + 1), (a + b) / 2.0 * params.null_q)
        else:
            values[a, b] = (a + b) / 2.0 * q[a, b] - params.penalty(a, b)
    return values


def forward(values: dict[tuple[int, int], np.ndarray], n: int, m: int) -> tuple[list, list]:
    """Best score of a path from (0, 0) to each cell: (scores (n+1) x (m+1), back-pointers)."""
    lists = {t: v.tolist() for t, v in values.items()}
    score = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            best, arg = score[i][j], None
            for (a, b), v in lists.items():
                if a <= i and b <= j:
                    val = score[i - a][j - b] + v[i - a][j - b]
                    if val > best:
                        best, arg = val, (a, b)
            if arg is not None:
                score[i][j], back[i][j] = best, arg
    return score, back


def backward(values: dict[tuple[int, int], np.ndarray], n: int, m: int) -> list:
    """Best score of a path from each cell to (n, m): (n+1) x (m+1) nested lists."""
    lists = {t: v.tolist() for t, v in values.items()}
    score = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    score[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            best = score[i][j]
            for (a, b), v in lists.items():
                if i + a <= n and j + b <= m:
                    best = max(best, v[i][j] + score[i + a][j + b])
            score[i][j] = best
    return score


def best_path(q: dict[tuple[int, int], np.ndarray], n: int, m: int, params: Params) -> list[Step]:
    """The monotone bead path covering all n English and m Chinese sentences that maximizes
    the sum of bead values, with each bead's quality and max-marginal gain."""
    values = bead_values(q, n, m, params)
    fwd, back = forward(values, n, m)
    bwd = backward(values, n, m)
    through = _through(values, np.array(fwd), np.array(bwd))
    steps, i, j = [], n, m
    while i > 0 or j > 0:
        a, b = back[i][j]
        i, j = i - a, j - b
        quality = params.null_q if a == 0 or b == 0 else float(q[a, b][i, j])
        steps.append(Step(i, j, a, b, quality, 0.0))
    steps.reverse()
    for step in steps:
        step.gain = fwd[n][m] - _best_competitor(through, step)
    return steps


def _through(values, fwd: np.ndarray, bwd: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
    """Best total score of a full path forced through each bead: arrays like ``values``."""
    out = {}
    for (a, b), v in values.items():
        rows, cols = v.shape
        out[a, b] = fwd[:rows, :cols] + v + bwd[a : a + rows, b : b + cols]
    return out


def _best_competitor(through: dict[tuple[int, int], np.ndarray], step: Step) -> float:
    """Best total of a path using a different bead that shares a sentence with ``step``."""
    best = -math.inf
    for (a, b), tot in through.items():
        own = (a, b) == (step.a, step.b)
        if own:
            saved, tot[step.i, step.j] = tot[step.i, step.j], -math.inf
        blocks = []
        if a and step.a:  # beads overlapping the step's English sentences
            blocks.append(tot[max(0, step.i - a + 1) : step.i + step.a])
        if b and step.b:  # beads overlapping its Chinese sentences
            blocks.append(tot[:, max(0, step.j - b + 1) : step.j + step.b])
        if not step.a and not a:  # (0, 1) beads on the same Chinese sentence
            blocks.append(tot[:, step.j : step.j + 1])
        if not step.b and not b:  # (1, 0) beads on the same English sentence
            blocks.append(tot[step.i : step.i + 1])
        for block in blocks:
            if block.size:
                best = max(best, float(block.max()))
        if own:
            tot[step.i, step.j] = saved
    return best
