"""Sentence segmentation: real abstract sentences, offsets into the source text."""

from pathlib import Path

import pytest

from summarizer.align.segment import segment_record, split_sentences
from summarizer.schema import Record, Section

SEED = Path(__file__).parents[2] / "corpus" / "001_894cbafbeb554ae1.txt"


@pytest.mark.parametrize(("text", "expected"), [
    ("Of six patients, five (83.3%; 95% CI 35.9% to 99.6%) achieved the clinical endpoint of "
     "an SRI of 4. Adverse events were minimal.",
     ["Of six patients, five (83.3%; 95% CI 35.9% to 99.6%) achieved the clinical endpoint of "
      "an SRI of 4.", "Adverse events were minimal."]),
    ("MSCs vs. placebo (e.g. Smith et al. 2020) improved SLEDAI. P < .001 was reached.",
     ["MSCs vs. placebo (e.g. Smith et al. 2020) improved SLEDAI.", "P < .001 was reached."]),
    ("Background Systemic lupus erythematosus is refractory in some patients. Methods: Six "
     "women received 1.5 mg. Results Five responded.",
     ["Background", "Systemic lupus erythematosus is refractory in some patients.", "Methods:",
      "Six women received 1.5 mg.", "Results", "Five responded."]),
    ("failing standard therapy.Methods Six women were treated.",
     ["failing standard therapy.", "Methods", "Six women were treated."]),
    ("Results were similar in both arms (see Fig. 2). The trial is registered (NCT03171194).",
     ["Results were similar in both arms (see Fig. 2).",
      "The trial is registered (NCT03171194)."]),
    # a heading word that opens a sentence before a bracket is no heading (PICO-Corpus)
    ("Patients (n = 449) were randomly assigned. Participants (aged 18-65) took part.",
     ["Patients (n = 449) were randomly assigned.", "Participants (aged 18-65) took part."]),
    # a bracket cut off with its P value (WMT doc20): the next sentence starts after it
    ("No difference between the two groups (  The patients were followed up (range, 6-16 "
     "months).", ["No difference between the two groups (",
                  "The patients were followed up (range, 6-16 months)."]),
    # a PDF converted to Markdown (ChinaXiv-201712.00568V1, 201806.00155V1, 201903.00180V1):
    # no sentence ends inside a formula's spaced-out decimal point; one glued to the next
    # sentence after a formula, a bracket, a number or an acronym does end
    ("was $9 3 . 1 3 \\% ( 1 7 / 3 2 )$ and $8 7 . 5 \\%$ , respectively. Costs were $5. 3 "
     "died.", ["was $9 3 . 1 3 \\% ( 1 7 / 3 2 )$ and $8 7 . 5 \\%$ , respectively.",
               "Costs were $5.", "3 died."]),
    ("a successful rate of $6 0 \\%$ .Thecellswere obtuse-shape.",
     ["a successful rate of $6 0 \\%$ .", "Thecellswere obtuse-shape."]),
    ("was reduced ( ${ P { < } 0 . 0 1 }$ ).The operation time was longer.",
     ["was reduced ( ${ P { < } 0 . 0 1 }$ ).", "The operation time was longer."]),
    ("respective P of O.000 and O.001.Risk factors for mortality were found.",
     ["respective P of O.000 and O.001.", "Risk factors for mortality were found."]),
    ("compared with those without LVRR.Multiple logistic regression was used.",
     ["compared with those without LVRR.", "Multiple logistic regression was used."]),
    # ... but not a list's number, a table's, an abbreviation's, nor a price taken for a formula
    ("1.Patients were enrolled in Mt.Sinai. 2.Controls were not (Table 1.Characteristics).",
     ["1.Patients were enrolled in Mt.Sinai.",
      "2.Controls were not (Table 1.Characteristics)."]),
    ("It cost $1 000. The total was $2 000. Then it ended.",
     ["It cost $1 000.", "The total was $2 000.", "Then it ended."]),
    ("Mechanistic studies revealed\nsignificant reductions in B cells.\nTwo patients improved.",
     ["Mechanistic studies revealed\nsignificant reductions in B cells.",
      "Two patients improved."]),
])
def test_english(text, expected):
    sentences = split_sentences(text, "en", offset=7)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start - 7 : s.end - 7] == s.text for s in sentences)


@pytest.mark.parametrize(("text", "expected"), [
    ("在 6 名患者中,有 5 名(83.3%;95%CI 35.9%至 99.6%)达到 SRI 为 4 的临床终点。不良事件很少。",
     ["在 6 名患者中,有 5 名(83.3%;95%CI 35.9%至 99.6%)达到 SRI 为 4 的临床终点。",
      "不良事件很少。"]),
    ("【目的】探讨MSC的疗效。【方法】6例患者（其中；2例）接受治疗！",
     ["【目的】", "探讨MSC的疗效。", "【方法】", "6例患者（其中；2例）接受治疗！"]),
    ("结果：有效率为83.3%。”结论 输注安全；耐受良好。",
     ["结果：", "有效率为83.3%。”", "结论", "输注安全；", "耐受良好。"]),
    ("背景\n狼疮是一种自身免疫病。目的：评价疗效？",
     ["背景", "狼疮是一种自身免疫病。", "目的：", "评价疗效？"]),
    # a bracket cut off with its P value (WMT doc28); one that closes is kept
    ("比较差异有统计学意义( 应用皮瓣修复缺损可取得良好疗效。两组比较( 均P<0.05)。",
     ["比较差异有统计学意义(", "应用皮瓣修复缺损可取得良好疗效。", "两组比较( 均P<0.05)。"]),
])
def test_chinese(text, expected):
    sentences = split_sentences(text, "zh")
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_segment_record_offsets_point_into_record_text():
    text = SEED.read_text(encoding="utf-8")
    en_start = text.index("Of six patients")
    en_end = text.index("Adverse events were minimal.") + len("Adverse events were minimal.")
    zh_start = text.index("在 6 名患者中")
    zh_end = text.index("不良事件很少。") + len("不良事件很少。")
    record = Record(id="r1", source=SEED.name, format="text", index=0, text=text, abstract=[
        Section("results", "en", text[en_start:en_end], en_start, en_end),
        Section("results", "zh", text[zh_start:zh_end], zh_start, zh_end),
    ])
    out = segment_record(record)
    assert [len(out["en"]), len(out["zh"])] == [2, 2]
    for sentence in out["en"] + out["zh"]:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.section == "results"


def test_a_very_long_word_before_a_full_stop_is_split():
    """Found by fuzzing: the abbreviation check searched the whole sentence so far, which took
    158 s here (0.2 s now; a regression shows as a slow suite)."""
    sentences = split_sentences("x" * 200_000 + " cells. Next one.", "en")
    assert [s.text for s in sentences][1:] == ["Next one."]
