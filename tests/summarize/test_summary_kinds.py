"""Summaries of real abstracts of every kind of study (tests/ingest/real: copies of real
exports, with their licences in SOURCES.md), from extract-facts and summarize as a user runs
them: each says what kind of study it is, leaves out what does not apply, and each summary is
in its own language. The lay and technical summaries of one real abstract of each kind that is
not a trial are golden files (``SUMMARIZER_UPDATE_GOLDEN=1`` rewrites them), so a change in
extraction or wording shows in them."""

import json
import re
from pathlib import Path

import pytest

from summarizer.pipeline import extract_to_jsonl, summarize_jsonl
from summarizer.summarize import view
from summarizer.summarize.render import render
from summarizer.text.script import HAN

REAL = Path(__file__).resolve().parents[1] / "ingest" / "real"


@pytest.fixture(scope="module")
def summarized(tmp_path_factory):
    out = tmp_path_factory.mktemp("kinds")
    studies = out / "studies.jsonl"
    report = extract_to_jsonl([REAL], studies, progress=False)
    assert report.errors == []
    done, errors = summarize_jsonl(studies, out)
    assert errors == [] and done == len(report.studies) == 32
    return [json.loads(line) for line in studies.read_text("utf-8").splitlines()], out


def summary(out: Path, line: dict, kind: str) -> str:
    folder = re.sub(r"[^\w.-]", "_", line["study_id"])
    return (out / "studies" / folder / f"{kind}.md").read_text("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("study_type, says_en, says_zh", [
    ("systematic review", "It was a review", "这是一篇综述"),
    ("qualitative", "It was a qualitative study", "这是一项质性研究"),
    ("case report", "It was a report on", "这是一份病例报告"),
    ("rct", "It was a clinical trial", "这是一项临床试验"),
    ("basic science", "It was a lab study", "这是一项实验室研究"),
    ("methods", "It describes a new method", "这篇文章介绍一种新方法"),
    ("cross-sectional", "It was an observational study", "这是一项观察性研究"),
    ("guideline", "A guideline is advice from experts", "指南是专家给出的建议"),
])
def test_each_kind_of_study_is_said_and_only_what_applies_is_given(summarized, study_type,
                                                                    says_en, says_zh):
    lines, out = summarized
    line = next(x for x in lines if x["facts"]["design"]["study_type"] == study_type)
    en, zh = summary(out, line, "lay_en"), summary(out, line, "lay_zh")
    assert says_en in en and says_zh in zh
    trial = study_type == "rct"
    assert ("## What treatment did they get?" in en) == trial
    assert ("## 他们接受了什么治疗？" in zh) == trial


@pytest.mark.slow
@pytest.mark.parametrize("study_id, sections", [
    # a narrative review enrols and treats no one, and reports no findings of its own
    ("doi-10.4103_2303-9027.138783", set()),
    # lab work: the outcomes the facts give, and its results
    ("doi-10.1021_bi049798f", {"Outcomes", "Results"}),
])
def test_a_technical_summary_shows_the_sections_its_kind_reports(summarized, study_id,
                                                                  sections):
    lines, out = summarized
    line = next(x for x in lines if x["study_id"] == study_id)
    assert shown_sections(summary(out, line, "technical_en")) == sections
    # the Chinese summary shows as many of them
    zh = summary(out, line, "technical_zh")
    assert len(shown_sections(zh) - set(ZH_OTHER_HEADINGS)) == len(sections)


@pytest.mark.slow
def test_a_trials_technical_summary_shows_every_section(summarized):
    lines, out = summarized
    line = next(x for x in lines if x["facts"]["design"]["study_type"] == "rct")
    assert shown_sections(summary(out, line, "technical_en")) == {
        "Participants", "Intervention", "Comparator", "Outcomes", "Results", "Adverse events"}


ZH_OTHER_HEADINGS = ("局限性（由研究设计得出）", "来源与标识符", "记录间的冲突", "原文警告",
                     "诊断准确性")


def shown_sections(text: str) -> set[str]:
    """The headings of a technical summary's fact sections."""
    return set(re.findall(r"^## (.+)$", text, re.MULTILINE)) - {
        "Limitations (from the design)", "Sources and identifiers", "Conflicts between records",
        "Warnings on the source text", "Diagnostic accuracy"}


# One real abstract of each kind that is not a trial (tests/ingest/real).
GOLDEN_STUDIES = {
    "basic science": "doi-10.1021_bi049798f",
    "case report": "doi-10.1016_j.ijscr.2018.11.060",
    "cohort": "doi-10.1002_cncr.20369",
    "cross-sectional": "doi-10.1002_cpp.2398",
    "guideline": "study-3aa3287da6",
    "methods": "doi-10.1186_1471-2105-7-10",
    "narrative review": "doi-10.4103_2303-9027.138783",
    "qualitative": "doi-10.1080_17482631.2019.1648945",
    "systematic review": "doi-10.1080_08870446.2019.1662014",
}


@pytest.mark.slow
@pytest.mark.parametrize("study_type", sorted(GOLDEN_STUDIES))
@pytest.mark.parametrize("kind", ["lay_en", "lay_zh", "technical_en", "technical_zh"])
def test_golden_summary_of_a_real_abstract_of_each_kind(summarized, golden, study_type, kind):
    lines, out = summarized
    line = next(x for x in lines if x["study_id"] == GOLDEN_STUDIES[study_type])
    assert line["facts"]["design"]["study_type"] == study_type
    golden(f"{line['study_id']}.{kind}.md", summary(out, line, kind))


@pytest.mark.slow
def test_english_lay_summaries_hold_no_chinese(summarized):
    lines, out = summarized
    for line in lines:
        text = summary(out, line, "lay_en")
        body = "\n".join(x for x in text.splitlines() if not x.startswith(("- Full title",
                                                                          "<!--")))
        assert not HAN.search(body), line["study_id"]


@pytest.mark.slow
def test_chinese_summaries_of_english_records_hold_no_english_phrases(summarized):
    """Names, acronyms and units may stay in Latin letters; an English phrase may not."""
    lines, out = summarized
    for line in lines:
        for kind in ("lay_zh", "technical_zh"):
            text = re.sub(r"<!--.*?-->|`[^`]*`|\]\([^)]*\)", "", summary(out, line, kind))
            assert not view.other_language(text, "zh"), (line["study_id"], kind)


def test_english_summaries_hold_no_chinese(summarized):
    """A Chinese-only record (the CNKI exports) is told in English from its Chinese facts:
    what cannot be said wholly in English is left out, never half-translated."""
    lines, out = summarized
    for line in lines:
        for kind in ("lay_en", "technical_en"):
            text = re.sub(r"<!--.*?-->|`[^`]*`|\]\([^)]*\)", "", summary(out, line, kind))
            assert not view.other_language(text.replace(line["study_id"], ""), "en"), (
                line["study_id"], kind)


@pytest.mark.parametrize("name, said", [
    ("皮肤微生物群", None),  # the glossary knows 皮肤, not 微生物群: not "cutaneous"
    ("临床和皮肤屏障功能评分和主人评分", None),
    ("total clinical score", "total clinical score"),
])
def test_outcomes_of_a_chinese_record_in_english_said_whole_or_left_out(name, said):
    study = {"study_id": "s", "facts": {"outcomes": [{"name": name, "primary": None}],
                                        "design": {"study_type": "single-arm trial"}}}
    en = view.said_in(view.context(study), "en")
    assert [o["name"] for o in en["outcomes"]] == ([said] if said else [])
    assert en["left_out"] == ([] if said else [{"fact": "outcome", "text": name}])
    technical = render("technical_en.md.j2", en)
    assert not HAN.search(technical.split("\n", 1)[1])
    if not said:
        assert "Given in Chinese only" in technical


def test_a_fact_that_cannot_be_said_is_left_out_and_counted():
    study = {"study_id": "s", "facts": {"participants": {"condition": "zygomorphic quibbles"},
                                        "design": {"study_type": "cross-sectional"}}}
    zh = view.said_in(view.context(study), "zh")
    assert zh["condition"] is None and zh["untold"] == ["condition"]
    assert zh["left_out"] == [{"fact": "condition", "text": "zygomorphic quibbles"}]
    lay = render("lay_zh.md.j2", zh)
    assert "zygomorphic" not in lay and "所患疾病" not in lay
    assert view.said_in(view.context(study), "en")["condition"] == "zygomorphic quibbles"


def test_a_trial_in_dogs_says_dogs_not_people():
    # WMT Medline doc30: a spray tried on ten atopic dogs
    study = {"study_id": "s", "facts": {
        "participants": {"n_enrolled": 10, "unit": "dogs",
                         "condition": "canine atopic dermatitis"},
        "interventions": [{"name": "a spray"}],
        "wording": {"participants.condition": {"en": "canine atopic dermatitis",
                                               "zh": "犬特应性皮炎"}},
        "design": {"study_type": "single-arm trial"}}}
    en = render("lay_en.md.j2", view.said_in(view.context(study), "en"))
    zh = render("lay_zh.md.j2", view.said_in(view.context(study), "zh"))
    assert "the researchers gave dogs a treatment" in en
    assert "Only 10 dogs took part. With so few dogs" in en and "10 people" not in en
    assert "研究者给犬用了一种治疗" in zh and "只有 10 只犬参加" in zh
    assert "研究了 10 只犬。" in zh and "它们患有犬特应性皮炎。" in zh
    assert "给患有犬特应性皮炎的犬试用了" in zh and "患者" not in zh


@pytest.mark.parametrize("facts, shown", [
    # a narrative review's follow-up is no section without its results
    ({"design": {"study_type": "narrative review"}, "follow_up": "5 years"}, set()),
    # a cohort with a follow-up: its kind's sections
    ({"design": {"study_type": "cohort"}, "follow_up": "5 years"},
     {"participants", "comparator", "outcomes", "results", "follow_up"}),
    # an economic evaluation compares treatments' costs
    ({"design": {"study_type": "economic evaluation"}},
     {"intervention", "comparator", "outcomes", "results"}),
    # a guideline's condition is no participants block; its counted people would be
    ({"design": {"study_type": "guideline"}, "participants": {"condition": "asthma"}}, set()),
    ({"design": {"study_type": "guideline"}, "participants": {"n_enrolled": 40}},
     {"participants"}),
])
def test_sections_that_apply(facts, shown):
    assert view.sections_that_apply(view.context({"study_id": "s", "facts": facts})) == shown


def test_english_whose_words_run_together_is_not_quoted(summarized):
    # ChinaXiv-202207.00156V1: its English abstract lost most of its spaces in the PDF
    # conversion ("leftatrilTeeveofifamatoctorsddotlijuyarks…"); the Chinese is clean
    lines, out = summarized
    [line] = [x for x in lines if x["sources"] == ["paper/ChinaXiv-202207.00156V1.md"]]
    lay_en, lay_zh = summary(out, line, "lay_en"), summary(out, line, "lay_zh")
    assert "its words run together" in lay_en
    assert "leftatril" not in lay_en and "Atrialfibrilltion" not in lay_en
    assert "房颤患者，特别是合并左心房血栓的患者" in lay_zh
