"""Character-for-character normalization and its warnings; lost exponents."""

from __future__ import annotations

import pytest

from summarizer.ingest.normalize import find_lost_exponents, normalize, read_lost_exponent


@pytest.mark.parametrize("text, expected", [
    ("received 1×106 MSCs/kg", (1.0, 6)),
    ("2 x 106 cells per kg", (2.0, 6)),
    ("no patients received the 1 x 106 dose", (1.0, 6)),
    ("3 x 1012 vg/kg", (3.0, 12)),
    ("1.5×107 cells", (1.5, 7)),
    ("接受 1×10 MSCs/kg 的静脉输注", (1.0, None)),
    ("1×10 个/kg", (1.0, None)),
    ("1×10⁶ MSCs/kg", None),
    ("1×10^6 cells", None),
    ("a 2 x 10 mm lesion", None),
    ("10 x 100 mg", None),
])
def test_read_lost_exponent(text, expected):
    assert read_lost_exponent(text) == expected


def test_lost_exponent_offsets_and_repair():
    text = "doses (range 2 x 106 to 4 x 106) and 1×10 MSCs/kg"
    found = find_lost_exponents(text)
    assert [(text[f.start:f.end], f.repaired, f.value) for f in found] == [
        ("2 x 106", "2×10⁶", 2e6), ("4 x 106", "4×10⁶", 4e6), ("1×10", "1×10ⁿ", None)]


@pytest.mark.parametrize("text, normalized, kinds, messages", [
    ("received 1×106 MSCs/kg.", "received 1×106 MSCs/kg.", ["lost-exponent"],
     ["1×106 is probably 1×10⁶"]),
    ("given 1×10 MSCs/kg.", "given 1×10 MSCs/kg.", ["lost-exponent"],
     ["1×10 has lost its exponent (probably 1×10ⁿ); check the source"]),
    ("Ｎ＝４０例，有效。", "N=40例,有效。", ["full-width"],
     ["full-width 'Ｎ＝４０' read as 'N=40'"]),
    ("患者，有效。", "患者,有效。", [], []),
    ("臨床試驗顯示有效。", "临床试验显示有效。", ["traditional"],
     ["4 traditional character(s) read as simplified: 臨床試驗顯 → 临床试验显"]),
    ("间充质干细胞治疗系统性红斑狼疮。", "间充质干细胞治疗系统性红斑狼疮。", [], []),
    ("Īmong B-cells.Īt 24 weeks", "Among B-cells.At 24 weeks", ["stray-character"] * 2,
     ["stray 'Ī' at a sentence start, probably 'A' (Īmong → Among)",
      "stray 'Ī' at a sentence start, probably 'A' (Īt → At)"]),
    ("the patientâ€™s cafÃ©", "the patientâ€™s cafÃ©", ["mojibake"] * 2,
     ["'â€™' is probably '’' (UTF-8 read as Latin-1)",
      "'Ã©' is probably 'é' (UTF-8 read as Latin-1)"]),
    ("lost \ufffd here", "lost \ufffd here", ["mojibake"],
     ["U+FFFD replacement character: a character was lost when the text was decoded"]),
    ("After 12<middle dot>4 months", "After 12<middle dot>4 months", ["markup"],
     ["'12<middle dot>4' is probably 12·4 = 12.4"]),
    ("观察疗效。(#br)选取患者。", "观察疗效。\n    选取患者。", [], []),  # CNKI's line break
    ("年龄29\\~66岁", "年龄29 ~66岁", [], []),  # a Markdown escape (a converted PDF)
])
def test_normalize(text, normalized, kinds, messages):
    result, warnings = normalize(text)
    assert len(result) == len(text) and result == normalized
    assert [w.kind for w in warnings] == kinds
    assert [w.message for w in warnings] == messages
    assert all(text[w.start:w.end] == w.text for w in warnings)
