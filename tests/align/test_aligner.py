"""The aligner with the real encoder on small real-looking abstracts."""

import json
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner

from summarizer.align import align_record, align_sentences
from summarizer.align.aligner import (
    member_matrices,
    quality_matrices,
    token_support,
    unbalanced,
)
from summarizer.align.pipeline import PARAMS, encoded_side
from summarizer.cli import cli
from summarizer.schema import Record, Section

EN = [
    "Six women with a SLEDAI >6, having failed standard of care therapy, received one "
    "intravenous infusion of 1×10⁶ MSCs/kg of body weight.",
    "They maintained their current immunosuppressives.",
    "Their physician was allowed to adjust corticosteroids initially for symptom management.",
    "Of six patients, five (83.3%; 95% CI 35.9% to 99.6%) achieved the clinical endpoint.",
    "Mechanistic studies revealed significant reductions in CD27-IgD- double negative B cells, "
    "switched memory B cells and activated naive B cells, with increased transitional B cells.",
    "Adverse events were minimal.",
]
ZH = [
    "6 名女性 SLEDAI >6,标准治疗失败,接受 1×10⁶ MSCs/kg 的静脉输注。",
    "他们维持当前的免疫抑制剂,但允许他们的医生最初根据症状管理调整皮质类固醇。",
    "在 6 名患者中,有 5 名(83.3%;95%CI 35.9%至 99.6%)达到临床终点。",
    "不良事件很少。",
]

# ChinaXiv-201812.00048V1 (CC BY 4.0), as a PDF converted to Markdown gives it: glued words and
# TeX formulas on both sides (benchmarks/data/chinaxiv/align/a)
EN_TEX = [
    'The induced urinationrate,the incidence ofresetingthe urinary catheter,and '
     'theurinary tract irritation of the robotic surgery group are all lower compared '
     'with the open surgery group ( $\\stackrel { \\cdot } { P } < 0 . 0 1$ ).',
    '6-hour was used as the cutting line of the first postoperative urination time.',
    'Compared with the ≤6 h group，the ${ > } 6 \\mathrm { ~ h ~ }$ group had more '
     'intraoperative infusionand urinary volume that delayed the first time of urination '
     'and mobilization.',
    'It is feasible for patients with gastriccancer in ERAS to remove the '
     'urinarycatheter immediately after surgery.',
    'Intraoperative controlof infusionand multimodalanalgesiaarethebasicconditions '
     'fornon-conventional indwelingcatheters.',
    'Robotic surgery is favorable for early postoperative recovery of automatic '
     'urination.',
]
ZH_TEX = [
    '相比开腹组，机器人组自主排尿率高，诱导排尿率、重置导尿管及尿路刺激征发生率均较低（ '
     '$P$ 均<0.01)；',
    '以术后6h首次排尿时间作为分界，与 ${ \\leqslant } 6 \\mathrm { ~ h ~ }$ 组相比， $> 6 '
     '\\mathrm { ~ h ~ }$ 组术中输液量较多、术中尿量较多、'
     '首次自解小便时间及首次下床活动时间均延迟（ $P$ 均 $< 0 . 0 1$ )。',
    '加速康复外科胃癌患者术后即刻拔除尿管是可行的，术中控制性输液、'
     '多模式镇痛是不常规留置导尿管的基础条件，机器人手术有利于患者术后早期恢复自主排尿。',
]


@pytest.mark.slow
def test_merged_sentences_and_an_omission_next_to_a_translated_one(encoder):
    alignment = align_sentences(EN, ZH, encoder, "doc1")
    # the Chinese leaves out the mechanistic-studies sentence (English 4)
    assert [(b.en, b.zh) for b in alignment.beads] == [
        ([0], [0]), ([1, 2], [1]), ([3], [2]), ([4], []), ([5], [3])]
    kinds = [[f.kind for f in b.flags] for b in alignment.beads]
    assert kinds == [[], [], [], ["omission"], []]
    assert all(0.0 <= b.score <= 1.0 for b in alignment.beads)
    assert alignment.beads[0].score > 0.8
    assert "align.e5-margin.v1" in alignment.signature


@pytest.mark.slow
def test_align_record_keeps_offsets(encoder):
    en_text, zh_text = " ".join(EN[3:6:2]), "".join(ZH[2:4])
    text = f"{en_text}\n{zh_text}\n"
    zh_start = len(en_text) + 1
    record = Record(id="r1", source="seed.txt", format="text", index=0, text=text, abstract=[
        Section("results", "en", en_text, 0, len(en_text)),
        Section("results", "zh", zh_text, zh_start, zh_start + len(zh_text))])
    alignment = align_record(record, encoder)
    assert [(b.en, b.zh) for b in alignment.beads] == [([0], [0]), ([1], [1])]
    for s in alignment.en + alignment.zh:
        assert text[s.start : s.end] == s.text


def test_aligner_is_registered_by_versioned_name():
    from summarizer.align import aligners, pipeline
    from summarizer.errors import UnknownName

    assert aligners.get("align.e5-margin.v1") is pipeline.align_sentences
    with pytest.raises(UnknownName) as err:
        aligners.get("align.labse.v9")
    assert str(err.value) == "unknown aligner 'align.labse.v9'; known: align.e5-margin.v1"


def test_record_without_chinese_is_not_aligned():
    record = Record(id="r2", source="en.txt", format="text", index=0, text="Only English.",
                    abstract=[Section("other", "en", "Only English.", 0, 13)])
    assert align_record(record, encoder=object()) is None


@pytest.mark.slow
def test_presegmented_cli_covers_every_sentence_once(tmp_path, encoder):
    source = tmp_path / "in.jsonl"
    docs = [{"id": "a", "en": EN[:2], "zh": ZH[:1]}, {"id": "b", "en": EN[5:], "zh": ZH[3:]}]
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["align", "--presegmented", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    for doc, line in zip(docs, lines, strict=True):
        for side in ("en", "zh"):
            assert [i for b in line["beads"] for i in b[side]] == list(range(len(doc[side])))


@pytest.mark.parametrize(("args", "message"), [
    (["align"], "give input files or --presegmented FILE (one of the two)"),
])
def test_cli_usage_errors(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output


def test_presegmented_input_errors_name_the_line(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "a", "en": [], "zh": []}\n{"id": "b", "en": "not a list"}\n')
    result = CliRunner().invoke(cli, ["align", "--presegmented", str(source)])
    assert result.exit_code == 2
    assert (f'{source}, line 2: expected {{"id", "en": [sentences], "zh": [sentences]}}'
            in result.output)


@pytest.mark.parametrize(("text", "expected"), [
    ("Diarrhea was more common (grade 1 or 2) with the drug.", False),
    ("腹泻在研究药物组更常见（由 Example Pharma 资助。", True),
    ("ClinicalTrials.gov 注册号为 NCT01234567）。", True),
    ("【目的】探讨疗效。", False),
    ("No brackets at all.", False),
])
def test_unbalanced_brackets(text, expected):
    assert unbalanced(text) is expected


@pytest.mark.slow
def test_a_parenthesis_split_on_one_side_stays_in_one_bead(encoder):
    en = ["Overall survival did not differ between the two groups.",
          "Diarrhea was more common with the study drug than with placebo.",
          "(Funded by Example Pharma; ClinicalTrials.gov number, NCT01234567.)"]
    zh = ["两组的总生存期无差异。",
          "与安慰剂组相比，腹泻在研究药物组更常见（由 Example Pharma 资助。",
          "ClinicalTrials.gov 注册号为 NCT01234567）。"]
    alignment = align_sentences(en, zh, encoder, "doc")
    assert [(b.en, b.zh) for b in alignment.beads] == [([0], [0]), ([1, 2], [1, 2])]


def test_token_support_takes_each_tokens_best_match_per_sentence():
    en = [np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0.6, 0.8]])]
    zh = [np.array([[1.0, 0.0]]), np.array([[0.0, 1.0], [0.8, 0.6]])]
    support = token_support(en, zh)
    np.testing.assert_allclose(support.en[0], [[1.0, 0.8], [0.0, 1.0]])
    np.testing.assert_allclose(support.en[1], [[0.6, 0.96]])
    np.testing.assert_allclose(support.zh[0], [[1.0, 0.6]])
    np.testing.assert_allclose(support.zh[1], [[1.0, 0.8], [0.8, 0.96]])


def test_a_side_needs_token_states_for_every_sentence():
    from summarizer.align.aligner import make_side
    from summarizer.align.embed import SideStates

    states = SideStates(np.eye(2), np.ones(2))
    with pytest.raises(ValueError, match="1 token arrays for 2 sentences"):
        make_side(["One.", "Two."], states, [np.ones((1, 2))])


SCREENING_EN = [
    "Colorectal cancer is the third most common malignant tumour in China.",
    "Screening can reduce its incidence and mortality.",
    "However, the participation rate of screening in China remains below 20%.",
    "Standardized screening strategies are urgently needed.",
    "This study was funded by the National Natural Science Foundation.",  # not translated
    "It covers target populations, screening methods and follow-up intervals.",
]
SCREENING_ZH = [
    "结直肠癌是我国第三大常见恶性肿瘤。",
    "筛查可以降低其发病率和死亡率，但我国筛查参与率仍低于20%，亟需规范的筛查策略。",
    "内容涵盖目标人群、筛查方法和随访间隔。",
]


@pytest.mark.slow
def test_an_untranslated_member_lowers_its_bead(encoder):
    en, zh = encoded_side(encoder, SCREENING_EN), encoded_side(encoder, SCREENING_ZH)
    members = member_matrices(token_support(en.tokens, zh.tokens), PARAMS)
    with_funding, without = members[4, 1][1, 1], members[3, 1][1, 1]  # English 1-4 or 1-3
    assert with_funding < PARAMS.member_floor < without
    q = quality_matrices(en, zh, PARAMS)
    q_off = quality_matrices(en, zh, replace(PARAMS, w_member=0.0))
    assert q[4, 1][1, 1] < q_off[4, 1][1, 1] - 0.1
    assert q[3, 1][1, 1] == q_off[3, 1][1, 1]
    assert set(q) == set(q_off)


@pytest.mark.slow
def test_prefetched_documents_leave_no_token_states_behind(encoder):
    from summarizer.align.pipeline import align_steps, prefetched

    encoder.token_cache.clear()
    docs = [{"id": "a", "en": EN[:3], "zh": ZH[:2]}, {"id": "b", "en": EN[3:], "zh": ZH[2:]},
            {"id": "c", "en": EN_TEX, "zh": ZH_TEX}]  # encoded as the aligner reads them
    for doc in prefetched(docs, encoder, chunk=1):
        assert len(encoder.token_cache) == len(doc["en"]) + len(doc["zh"])
        align_steps(doc["en"], doc["zh"], encoder)
        assert encoder.token_cache == {}



@pytest.mark.slow
def test_formulas_are_read_as_plain_text(encoder):
    # "${ > } 6 \\mathrm { ~ h ~ }$" is ">6 h" to the encoder: the 6-hour comparison is one
    # bead and the three conclusions another (with the TeX as it is, one conclusion went to the
    # comparison)
    beads = align_sentences(EN_TEX, ZH_TEX, encoder).beads
    assert [(b.en, b.zh) for b in beads] == [([0], [0]), ([1, 2], [1]), ([3, 4, 5], [2])]


def test_a_bead_is_less_sure_in_a_document_of_weak_beads():
    from summarizer.align.aligner import Step
    from summarizer.align.pipeline import confidence, document_quality

    steps = [Step(0, 0, 1, 1, 0.95, 1.0), Step(1, 1, 1, 1, 0.9, 1.0), Step(2, 2, 1, 0, -0.3, 0.5)]
    assert document_quality(steps) == pytest.approx(0.925)  # beads with both sides only
    assert document_quality([]) == 0.0
    # the same middling bead in a clean translation and in a PDF conversion's weak document
    bead = Step(0, 0, 1, 1, 0.6, 0.3)
    assert confidence(bead, 0.95) > 0.9 > 0.6 > confidence(bead, 0.6)
