"""QA flags with their evidence, on beads built by hand (no encoder needed)."""

import pytest

from summarizer.align.flags import add_flags, term_renderings
from summarizer.schema import Bead


def flags_of(en, zh, beads):
    add_flags(beads, en, zh)
    return [[(f.kind, f.evidence) for f in b.flags] for b in beads]


@pytest.mark.parametrize(("en", "zh", "expected"), [
    ("Of six patients, five (83.3%) responded.", "6 名患者中有 5 名（83%）应答。",
     [("number-mismatch", {"en_only": ["83.3%"], "zh_only": ["83%"]})]),
    ("Forty patients were enrolled; 40 patients completed.", "共入组40例，40例完成。", []),
    ("They received 1×10⁶ MSCs/kg.", "接受 1×10 MSCs/kg 输注。",
     [("number-mismatch", {"en_only": ["1×10⁶"], "zh_only": ["1×10"]}),
      ("lost-exponent", {"lang": "zh", "numbers": ["1×10"]})]),
    ("The response rate was 35.9%.", "应答率为35.9例。",
     [("number-mismatch", {"units": [["35.9%", "35.9例"]]})]),
    ("The drug was safe.", "该药物 was well tolerated by patients 安全。",
     [("untranslated", {"words": ["was", "well", "tolerated", "patients"]})]),
    # dates, ordinals and names with numbers agree across the languages (real WMT beads)
    ("1124 swans were counted on 15 February 2013.", "2013 年2月15日共有 1124 只大天鹅。", []),
    ("At WHO's 4th global meeting it was amended.", "世卫组织第四届全球会议修正了定义。", []),
    ("The COVID-19 pandemic may co-circulate with influenza.", "新冠肺炎疫情可能与流感叠加流行。",
     []),
    ("Vaccinate by the end of October.", "最好在10月底前完成接种。", []),
    ("Both patients were in a moderate coma.", "2例患者均呈中度昏迷。", []),
])
def test_bead_flags(en, zh, expected):
    assert flags_of([en], [zh], [Bead([0], [0], 0.95)]) == [expected]


def test_sentences_without_counterpart():
    en, zh = ["Adverse events were minimal.", "NCT03171194."], ["不良事件很少。", "另见附录。"]
    beads = [Bead([0], [0], 0.9), Bead([1], [], 0.7), Bead([], [1], 0.7)]
    kinds = [[k for k, _ in f] for f in flags_of(en, zh, beads)]
    assert kinds == [[], ["omission"], ["addition"]]


@pytest.mark.parametrize(("zh", "kind"), [
    ("不良事件很少。", "omission"),
    ("不良事件很少，没有患者因任何原因提前退出研究，但有两名患者出现严重感染并住院治疗，随后全部康复出院。",
     "addition"),
])
def test_low_confidence_bead_is_a_gap_by_length(zh, kind):
    en = ["Adverse events were minimal, and no patient left the study early for any reason."]
    flags = flags_of(en * 5, [zh] + ["不良事件很少，没有患者因任何原因提前退出研究。"] * 4,
                     [Bead([0], [0], 0.2)] + [Bead([i], [i], 0.9) for i in range(1, 5)])
    assert flags[0][0][0] == kind


def test_term_inconsistency_names_the_term_and_renderings():
    en = ["Each patient received one infusion.", "The infusion was safe.",
          "No infusion reaction occurred."]
    zh = ["每名患者接受一次输注。", "输注是安全的。", "未发生输液反应。"]
    flags = flags_of(en, zh, [Bead([i], [i], 0.95) for i in range(3)])
    assert flags[2] == [("term-inconsistency", {
        "term": "infusion", "here": "输液", "elsewhere": "输注", "counts": {"输注": 2, "输液": 1}})]
    assert flags[0] == flags[1] == []


def test_glossary_is_extended_by_cedict():
    renderings = term_renderings()
    assert {"患者", "病人"} <= renderings["patient"]
    assert "化学疗法" in renderings["chemotherapy"]


def test_a_sentence_absorbed_into_its_neighbours_bead_is_an_omission():
    # the Chinese of English 2 was deleted: the aligner joins English 1 and 2 to Chinese 1
    en = ["Forty patients with lupus were enrolled at four centres in China.",
          "Cells were infused intravenously on days 0 and 7.",
          "Mechanistic studies of immune cells were done in a subset of the patients."]
    zh = ["中国四家中心共纳入40例狼疮患者。", "细胞在第0天和第7天静脉输注。"]
    beads = [Bead([0], [0], 0.95), Bead([1, 2], [1], 0.9)]
    assert flags_of(en, zh, beads)[1][0][0] == "omission"
