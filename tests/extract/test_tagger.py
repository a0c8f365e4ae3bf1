"""PICO tagger: windows, span merging, training-data readers, loss; the shipped model on seeds."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from summarizer.cli import cli
from summarizer.errors import ModelError, SummarizerError
from summarizer.extract import tagger
from summarizer.extract import train_pico as tp
from summarizer.models import PRECISIONS

SEED = Path(__file__).resolve().parents[2] / "corpus" / "001_894cbafbeb554ae1.txt"


@pytest.mark.parametrize(("n", "spans"), [
    (0, []),
    (5, [(0, 5)]),
    (510, [(0, 510)]),
    (511, [(0, 510), (384, 511)]),
    (1000, [(0, 510), (384, 894), (768, 1000)]),
])
def test_windows_cover_every_subtoken(n, spans):
    assert tagger.window_spans(n) == spans


@pytest.mark.parametrize(("labels", "expected"), [
    (["P", "P", "-", "I"], [("P", "Six women"), ("I", "infusion")]),
    (["P", "I", "I", "I"], [("P", "Six"), ("I", "women  received infusion")]),
    (["-", "-", "-", "-"], []),
])
def test_merge_units_joins_neighbours_and_keeps_offsets(labels, expected):
    text = "Six women  received infusion"
    units = [(0, 3), (4, 9), (11, 19), (20, 28)]
    probs = np.full((4, 5), 0.2)
    spans = tagger.merge_units(text, units, labels, probs)
    assert [(s.label, s.text) for s in spans] == expected
    assert all(text[s.start:s.end] == s.text and 0 <= s.confidence <= 1 for s in spans)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the one treatment of a sentence that compares nothing is an intervention
    ("Patients received one infusion of 2 x 10^6 cells per kg.", "en", "I"),
    ("Patients received one infusion or placebo.", "en", "C"),
    ("Cells were compared with saline in mice.", "en", "C"),
    ("患者接受 2×10⁶ 细胞/kg 静脉输注。", "zh", "I"),
    ("对照组接受生理盐水。", "zh", "C"),
])
def test_comparator_needs_a_sentence_that_compares(text, lang, expected):
    units = [(m.start(), m.end()) for m in tagger.WORD_RE.finditer(text)]
    probs = np.tile(np.array([0.1, 0.1, 0.3, 0.4, 0.1], dtype=np.float32), (len(units), 1))
    labels = tagger.demote_lone_comparators(text, lang, units, ["C"] * len(units), probs)
    assert set(labels) == {expected}
    assert probs[0, 2] == pytest.approx(0.7 if expected == "I" else 0.3)


def test_comparator_in_another_sentence_keeps_its_own_label():
    text = "Arm A received cells. Arm B received placebo."
    units = [(m.start(), m.end()) for m in tagger.WORD_RE.finditer(text)]
    labels = ["-", "-", "-", "C", "-", "-", "-", "-", "C", "-"]
    out = tagger.demote_lone_comparators(text, "en", units, labels, np.ones((len(units), 5)))
    assert [text[s:e] for (s, e), label in zip(units, out, strict=True) if label != "-"] == [
        "cells", "placebo"]
    assert [label for label in out if label != "-"] == ["I", "C"]


def test_text_units_cut_chinese_runs_at_subtoken_boundaries():
    text = "6 名女性接受 MSC,"
    offsets = [(0, 1), (2, 3), (3, 5), (5, 7), (8, 11), (11, 12)]
    assert tagger.text_units(text, offsets) == [(0, 1), (2, 3), (3, 5), (5, 7), (8, 11), (11, 12)]


def test_pool_averages_subtokens_and_marks_empty_units():
    logp = np.log(np.array([[0.1, 0.9, 0, 0, 0], [0.3, 0.7, 0, 0, 0]]) + 1e-9)
    pooled = tagger._pool(logp, [0, 0], 2)
    assert np.argmax(pooled[0]) == 1 and np.argmax(pooled[1]) == 0


EBM = """-DOCSTART- -9514454- O O

Atorvastatin NN i
versus NN N
placebo NN i
in IN N
patients NNS p
: : N
LDL NN o
"""


def test_read_ebm_maps_labels_to_allowed_sets(tmp_path):
    path = tmp_path / "fold.txt"
    path.write_text(EBM, encoding="utf-8")
    (doc,) = tp.read_ebm(path)
    assert doc.id == "9514454" and doc.words[0] == "Atorvastatin"
    i_or_c = tp.BIT["I"] | tp.BIT["C"]
    assert doc.allowed == [i_or_c, 1, i_or_c, 1, tp.BIT["P"], 1, tp.BIT["O"]]


def test_read_ebm_names_the_bad_line(tmp_path):
    path = tmp_path / "fold.txt"
    path.write_text("-DOCSTART- -1- O O\nword NN x\n", encoding="utf-8")
    with pytest.raises(tp.InputError, match=r"fold.txt, line 2: expected 'token POS N\|p\|i\|o'"):
        tp.read_ebm(path)


def test_read_pico_corpus_keeps_supervised_sentences(tmp_path):
    text = ("Letrozole versus tamoxifen in breast cancer. Women were followed up. "
            "Of 40 women, 20 received letrozole.")
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "1.ann").write_text(
        "T1\tintervention 0 9\tLetrozole\nT2\tcontrol 17 26\ttamoxifen\n"
        "T3\ttotal-participants 73 75\t40\nT4\toutcome 200 210\tignored\n", encoding="utf-8")
    docs = tp.read_pico_corpus(tmp_path)
    assert [d.id for d in docs] == ["1:0", "1:2"]
    marks = {w: a for d in docs for w, a in zip(d.words, d.allowed, strict=True) if a}
    assert marks == {"Letrozole": tp.BIT["I"], "tamoxifen": tp.BIT["C"], "40": tp.BIT["P"]}


def test_allowed_loss_marginalizes_over_allowed_labels():
    import torch

    logits = torch.tensor([[[0.0, 0.0, 5.0, 5.0, 0.0], [9.0, 0.0, 0.0, 0.0, 0.0]]])
    allowed = torch.tensor([[tp.BIT["I"] | tp.BIT["C"], 0]], dtype=torch.uint8)
    loss = tp.allowed_loss(logits, allowed).item()
    assert 0 < loss < 0.05
    only_c = tp.allowed_loss(logits, torch.tensor([[tp.BIT["C"], 0]], dtype=torch.uint8)).item()
    assert only_c > 0.6


def test_macro_f1_counts_comparator_as_intervention():
    gold = np.array([tp.BIT["P"], tp.BIT["I"] | tp.BIT["C"], tp.BIT["O"], 1])
    pred = np.array([1, 3, 4, 0])
    assert tp.macro_f1(pred, gold) == (1.0, {"P": 1.0, "I": 1.0, "O": 1.0})


# scores per unit for labels (-, P, I, C, O); unit 2 leans to I by a little
FLIP = np.array([[0, 2, 0, 0, 0], [0, 2, 0, 0, 0], [0, 1.4, 1.6, 0, 0], [0, 2, 0, 0, 0],
                 [3, 0, 0, 0, 0]], dtype=np.float32)


@pytest.mark.parametrize(("switch", "expected"), [
    (0.0, [1, 1, 2, 1, 0]),  # plain arg-max keeps the one-unit flip
    (0.5, [1, 1, 1, 1, 0]),  # two switches cost more than the flip gains
    (10.0, [1, 1, 1, 1, 1]),  # no switch at all is worth its price
])
def test_best_labels_trades_flips_against_the_switch_penalty(switch, expected):
    assert tp_labels(FLIP, switch) == expected


def tp_labels(scores, switch):
    padded = np.zeros((2, len(scores) + 3, 5), dtype=np.float32)
    padded[0, : len(scores)] = scores
    padded[1, : len(scores)] = scores[::-1]
    paths = tagger.best_labels(padded, switch)
    # the same document, reversed, decodes to the reversed labels; padding changes nothing
    assert list(paths[1, : len(scores)][::-1]) == list(paths[0, : len(scores)])
    return list(paths[0, : len(scores)])


def test_tune_bias_finds_the_bias_that_lifts_a_shy_label():
    gold = np.array([tp.BIT["P"], tp.BIT["P"], tp.BIT["-"], tp.BIT["O"]])
    logp = np.log(np.array([[0.6, 0.4, 0, 0, 0], [0.55, 0.45, 0, 0, 0], [0.9, 0.1, 0, 0, 0],
                            [0.3, 0, 0, 0, 0.7]]) + 1e-6)
    bias, best = tp.tune_bias(lambda b: np.argmax(logp + b, 1), gold)
    assert best == pytest.approx(2 / 3)  # P and O right; I, absent, scores 0
    assert 0.405 < bias[1] - bias[0] < 2.2


def test_extract_cli_names_a_bad_input_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "tokens": ["x"]}\n{"id": "b"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--pretokenized", str(path),
                                      "--output", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2
    assert "in.jsonl, line 2: expected {\"id\", \"tokens\": [...]} JSON" in result.output


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


def _inside(spans, label, word, text):
    """Some span with ``label`` contains the first occurrence of ``word``."""
    start = text.index(word)
    return any(s.label == label and s.start <= start and s.end >= start + len(word)
               for s in spans)


@pytest.mark.slow
@pytest.mark.parametrize(("label", "word"), [
    ("P", "women"),
    ("I", "intravenous infusion"),
])
def test_seed_sentence_is_tagged(seed_text, label, word):
    sentence = seed_text[seed_text.index("Six women") :].split("\n")[0]
    spans = tagger.tag_text(sentence, "en")
    assert all(sentence[s.start:s.end] == s.text for s in spans)
    assert _inside(spans, label, word, sentence), [(s.label, s.text) for s in spans]


@pytest.mark.slow
def test_chinese_seed_paragraph_is_tagged(seed_text):
    start = seed_text.index("6 名女性")
    paragraph = seed_text[start : seed_text.index("\n", start)]
    spans = tagger.tag_text(paragraph, "zh")
    assert all(paragraph[s.start:s.end] == s.text for s in spans)
    assert {"P", "I"} <= {s.label for s in spans}, [(s.label, s.text) for s in spans]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_batched_tagging_matches_one_text_at_a_time(seed_text, lang):
    lines = [line for line in seed_text.splitlines() if len(line) > 40
             and bool(tagger.CJK_RE.search(line)) == (lang == "zh")][:4]
    assert len(lines) >= 2
    batched = tagger.tag_texts(lines, lang)
    single = [tagger.tag_text(line, lang) for line in lines]
    assert [[(s.label, s.start, s.end) for s in spans] for spans in batched] == [
        [(s.label, s.start, s.end) for s in spans] for spans in single]


def test_tagger_weights_of_another_shape_are_refused(tmp_path):
    from safetensors.numpy import save_file

    save_file({"classifier.weight": np.zeros((5, 384), np.float16),
               "classifier.bias": np.zeros(5, np.float16),
               "encoder.layer.11.output.dense.bias": np.zeros(7, np.float16)},
              str(tmp_path / tagger.WEIGHTS))
    (tmp_path / tagger.CONFIG).write_text(json.dumps({"labels": list(tagger.LABELS)}))
    with pytest.raises(ModelError, match="does not fit .*encoder.layer.11.output.dense.bias"):
        tagger.load_tagger(tmp_path)


@pytest.mark.slow
def test_extract_cli_keeps_one_label_per_token(tmp_path):
    docs = [{"id": "a", "tokens": "Six women with lupus received MSC infusions .".split()},
            {"id": "b", "tokens": ["Placebo"] * 700}, {"id": "c", "tokens": []}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--pretokenized", str(path),
                                      "--output", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert [len(o["labels"]) for o in out] == [8, 700, 0]
    assert set(out[0]["labels"]) <= set(tagger.LABELS) and "P" in out[0]["labels"]


@pytest.mark.parametrize(("frozen", "cache_layers"), [(6, 8), (8, -1)])
def test_cache_layers_must_fit_under_frozen(tmp_path, frozen, cache_layers):
    config = tp.TrainConfig(frozen=frozen, cache_layers=cache_layers)
    with pytest.raises(tp.ModelError, match=f"cannot cache {cache_layers} layers with {frozen} "
                       "frozen; use --cache-layers between 0 and --frozen"):
        tp._cache(tmp_path, tmp_path, None, config)


@pytest.mark.slow
def test_saved_layers_load_back_for_further_training(tmp_path):
    import torch

    from summarizer.models import e5_model_dir

    top = tp.build_top(e5_model_dir(), 6, 10)
    with torch.no_grad():
        top.classifier.bias.fill_(0.5)
        top.layers[1].output.dense.bias.fill_(0.25)
    tp.save_model(top, 10, tmp_path, {"labels": list(tagger.LABELS), "frozen_layers": 10})
    again = tp.build_top(e5_model_dir(), 6, 10)
    tp.load_trained(again, tmp_path, 10)
    assert torch.all(again.classifier.bias == 0.5)
    assert torch.all(again.layers[1].output.dense.bias == 0.25)
    # a run that trains more layers starts from it; the extra layers stay the base model's
    deeper = tp.build_top(e5_model_dir(), 6, 8)
    tp.load_trained(deeper, tmp_path, 8)
    assert torch.all(deeper.layers[3].output.dense.bias == 0.25)
    assert torch.equal(deeper.layers[0].output.dense.bias,
                       tp.build_top(e5_model_dir(), 6, 8).layers[0].output.dense.bias)
    with pytest.raises(ModelError, match="was trained with --frozen 10; pass --frozen 10"):
        tp.load_trained(tp.build_top(e5_model_dir(), 10, 11), tmp_path, 11)
    # a shallower run keeps the lower layers and leaves the rest out
    shallow = tp.build_top(e5_model_dir(), 6, 10, layers=11)
    tp.load_trained(shallow, tmp_path, 10)
    assert len(shallow.layers) == 1 and torch.all(shallow.classifier.bias == 0.5)


@pytest.mark.parametrize(("layers", "frozen"), [(6, 8), (13, 8)])
def test_kept_layers_must_lie_between_frozen_and_twelve(tmp_path, layers, frozen):
    config = tp.TrainConfig(layers=layers, frozen=frozen)
    with pytest.raises(ModelError, match=f"--layers {layers} must lie between --frozen {frozen}"):
        tp.train_pico(tmp_path, tmp_path, None, config)


def _save_tagger(folder, layers, tensors):
    from safetensors.numpy import save_file

    save_file({"classifier.weight": np.zeros((5, 384), np.float16),
               "classifier.bias": np.zeros(5, np.float16), **tensors},
              str(folder / tagger.WEIGHTS))
    (folder / tagger.CONFIG).write_text(json.dumps({"labels": list(tagger.LABELS),
                                                    "layers": layers}))


@pytest.mark.slow
def test_tagger_keeps_only_its_layers(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_PICO_PRECISION", "fp32")
    bias = np.full(384, 0.5, np.float16)
    _save_tagger(tmp_path, 2, {"encoder.layer.1.output.dense.bias": bias})
    loaded = tagger.load_tagger(tmp_path)
    tagger.load_tagger.cache_clear()
    assert loaded.encoder.config.num_hidden_layers == 2
    assert not any(k.startswith("encoder.layer.2.") for k in loaded.encoder.weights)
    assert float(loaded.encoder.weights["encoder.layer.1.output.dense.bias"][0]) == 0.5
    _save_tagger(tmp_path, 2, {"encoder.layer.5.output.dense.bias": bias})
    with pytest.raises(ModelError, match="does not fit .*encoder.layer.5.output.dense.bias"):
        tagger.load_tagger(tmp_path)


def test_unknown_precision_is_refused(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_PICO_PRECISION", "int4")
    with pytest.raises(SummarizerError, match="SUMMARIZER_PICO_PRECISION='int4'; use one of "
                       "int8, fp32"):
        tagger.precision()


@pytest.mark.slow
def test_int8_tagger_labels_like_float32(seed_text, monkeypatch):
    sentence = seed_text[seed_text.index("Six women") :].split("\n")[0]
    labels = {}
    for value in PRECISIONS:
        monkeypatch.setenv("SUMMARIZER_PICO_PRECISION", value)
        tagger.load_tagger.cache_clear()
        loaded = tagger.load_tagger()
        assert bool(loaded.encoder.packed) == (value == "int8")
        labels[value] = tagger.tag_tokens([sentence.split()])[0]
    tagger.load_tagger.cache_clear()
    same = np.mean([a == b for a, b in zip(labels["int8"], labels["fp32"], strict=True)])
    assert same >= 0.9, labels
