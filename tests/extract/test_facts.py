"""Facts of whole studies: the seed files through ingest and grouping, and hand-made records."""

import re
from pathlib import Path

import pytest

from summarizer.align.segment import split_sentences
from summarizer.extract.facts import extract_facts
from summarizer.extract.numbers import NUM, parse_number
from summarizer.extract.tagger import PicoSpan
from summarizer.group import group_records
from summarizer.ingest import read_paths
from summarizer.ingest.normalize import normalize
from summarizer.schema import Alignment, Bead, Record, Section, Sentence, Study

CORPUS = Path(__file__).parents[2] / "corpus"
REAL = Path(__file__).parents[1] / "ingest" / "real"  # real export files (see SOURCES.md)


@pytest.fixture(scope="module")
def seeds():
    """study id → (Study, StudyFacts dict) for the seed files."""
    records = [r for r in read_paths(sorted(CORPUS.glob("*.txt"))) if isinstance(r, Record)]
    studies = {s.study_id: s for s in group_records(records)}
    by_source = {tuple(s.sources): s for s in studies.values()}
    lupus_multicentre = by_source[("002_f8c650c7f340d3d5.txt",)]
    studies["002"] = lupus_multicentre
    return {key: (s, extract_facts(s).to_dict()) for key, s in studies.items()}


def get(obj, path):
    """``get(d, "participants.age.median")``; list indices as ``dose.1``."""
    for part in path.split("."):
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    return obj


SEED_FACTS = [
    ("NCT03171194", "participants.n_enrolled", 6),
    ("NCT03171194", "participants.sex", "female"),
    ("NCT03171194", "design.phase", "1"),
    ("NCT03171194", "design.tags", ["single-arm"]),
    ("NCT03171194", "comparator", None),
    ("NCT03171194", "interventions.0.route", "intravenous"),
    ("NCT03171194", "interventions.0.schedule", "single infusion"),
    ("NCT03171194", "interventions.0.dose", [{"value": 1000000, "max": None, "unit": "cells/kg",
                                              "text": "1×106 MSCs/kg", "given": True,
                                              "lost_exponent": True}]),
    ("NCT03171194", "results.0.numerator", 5),
    ("NCT03171194", "results.0.denominator", 6),
    ("NCT03171194", "results.0.percent", 83.3),
    ("NCT03171194", "results.0.ci", [35.9, 99.6]),
    ("NCT03171194", "results.0.outcome", "the clinical endpoint of an SRI of 4"),
    ("NCT03171194", "outcomes", [{"name": "SRI of 4 by 20 weeks", "primary": True}]),
    ("NCT03171194", "adverse_events.text", "Adverse events were minimal."),
    ("NCT03171194", "adverse_events.serious", None),
    ("NCT03171194", "follow_up", "20 weeks"),
    ("NCT03171194", "registrations", ["NCT03171194"]),
    ("002", "participants.n_enrolled", 40),
    ("002", "setting", {"centres": 4, "countries": ["China"], "cities": []}),
    ("002", "interventions.0.schedule", "days 0 and 7"),
    ("002", "design.tags", ["multicentre", "single-arm"]),
    ("002", "results.1.numerator", 13),
    ("002", "results.1.percent", 32.5),
    ("002", "results.1.outcome", "MCR"),
    ("002", "results.2.numerator", 11),
    ("002", "results.2.percent", 27.5),
    ("002", "results.0.percent", 92.5),
    ("002", "results.0.numerator", 37),
    ("002", "adverse_events.counts.0.n", 0),
    ("002", "adverse_events.counts.0.related", True),
    ("002", "follow_up", "12 months"),
    ("002", "outcomes.0", {"name": "safety profiles", "primary": True}),
    ("NCT03562065", "registrations", ["NCT03562065", "EudraCT 2017-001400-29"]),
    ("NCT03562065", "participants.n_screened", 29),
    ("NCT03562065", "participants.n_enrolled", 8),
    ("NCT03562065", "participants.sex_counts", {"female": 7, "male": 1}),
    ("NCT03562065", "participants.age", {"median": 35, "min": 26, "max": 57, "sd": None,
                                         "unit": "years"}),
    ("NCT03562065", "participants.condition", "systemic lupus erythematosus"),
    ("NCT03562065", "design.phase", "1"),
    ("NCT03562065", "design.tags", ["single-centre", "open-label", "dose-escalation",
                                    "prospective", "Bayesian", "single-arm"]),
    ("NCT03562065", "comparator", None),
    ("NCT03562065", "interventions.0.dose.0.value", 1000000),
    ("NCT03562065", "interventions.0.dose.0.given", False),
    ("NCT03562065", "interventions.0.dose.1.value", 2000000),
    ("NCT03562065", "interventions.0.dose.1.given", True),
    ("NCT03562065", "interventions.0.dose.2.value", 4000000),
    ("NCT03562065", "interventions.0.dose.2.unit", "cells/kg"),
    ("NCT03562065", "outcomes.0.primary", True),
    ("NCT03562065", "adverse_events.serious", False),
    ("NCT03562065", "adverse_events.grades", [{"grade": 1, "n": 2}, {"grade": 2, "n": 1}]),
    ("NCT03562065", "adverse_events.counts.1", {"n": 3, "serious": None, "related": True,
                                                "text": "three infusion-related adverse events"}),
    ("NCT03562065", "follow_up", "12.4 months (range 12-13)"),
    ("NCT03562065", "setting", {"centres": 1, "countries": ["France"], "cities": ["Paris"]}),
    ("NCT03562065", "results", []),
]


@pytest.mark.parametrize("study, path, value", SEED_FACTS)
def test_seed_facts(seeds, study, path, value):
    assert get(seeds[study][1]["facts"], path) == value


# Each provenance slice of the source file must hold the fact's evidence.
SEED_EVIDENCE = [
    ("NCT03171194", "facts.participants.n_enrolled", {"Six", "6"}),
    ("NCT03171194", "facts.interventions[0].dose[0]", {"1×106"}),
    ("NCT03171194", "facts.results[0]", {"83.3%"}),
    ("NCT03171194", "facts.interventions[0].route", {"intravenous", "静脉"}),
    ("NCT03171194", "facts.follow_up", {"20 weeks", "20 周"}),
    ("002", "facts.setting.centres", {"4 clinical centers"}),
    ("002", "facts.results[1]", {"13/40"}),
    ("NCT03562065", "facts.participants.n_screened", {"29"}),
    ("NCT03562065", "facts.participants.age", {"35 years (range 26-57)"}),
    ("NCT03562065", "facts.follow_up", {"12<middle dot>4 months"}),
    ("NCT03562065", "facts.setting.countries[0]", {"France"}),
    ("NCT03562065", "facts.adverse_events.grades[0]", {"two grade 1"}),
]


@pytest.mark.parametrize("study, path, words", SEED_EVIDENCE)
def test_seed_provenance_points_at_evidence(seeds, study, path, words):
    provenance = seeds[study][1]["provenance"][path]
    assert provenance
    for p in provenance:
        text = (CORPUS / p["source"]).read_text(encoding="utf-8")[p["start"]:p["end"]]
        assert any(w in text for w in words), (p, text)


def test_every_provenance_entry_is_a_nonempty_slice_of_a_study_source(seeds):
    for study, facts in seeds.values():
        for path, provenance in facts["provenance"].items():
            for p in provenance:
                assert p["source"] in study.sources and p["lang"] in ("en", "zh"), path
                text = (CORPUS / p["source"]).read_text(encoding="utf-8")
                assert text[p["start"]:p["end"]].strip(), path


def numeric_fact(facts, path):
    """The number a provenance entry of ``path`` must show: counts, and a result's numerator."""
    counts = re.fullmatch(r"facts\.participants\.(n_\w+|sex_counts\.\w+)", path)
    result = re.fullmatch(r"facts\.results\[(\d+)\]", path)
    if counts:
        return get(facts, "participants." + counts.group(1))
    return facts["results"][int(result.group(1))]["numerator"] if result else None


def test_every_count_and_result_provenance_shows_its_number(seeds):
    checked = 0
    for _study, out in seeds.values():
        for path, provenance in out["provenance"].items():
            value = numeric_fact(out["facts"], path)
            for p in provenance if value is not None else []:
                text = (CORPUS / p["source"]).read_text(encoding="utf-8")[p["start"]:p["end"]]
                assert value in {parse_number(m.group(0)) for m in re.finditer(NUM, text)}, path
                checked += 1
    assert checked >= 20


def test_lost_exponent_of_the_twin_record_is_resolved(seeds):
    (conflict,) = seeds["NCT03171194"][1]["conflicts"]
    assert conflict["field"] == "facts.interventions[0].dose[0]"
    assert conflict["resolution"] == 1000000
    assert [v["text"] for v in conflict["values"]] == ["1×106", "1×10"]
    assert [s["lang"] for s in conflict["values"][1]["sources"]] == ["en", "zh"]
    assert "exponent lost" in conflict["reason"]
    assert conflict["kind"] == "lost-exponent"


def test_agreeing_languages_give_one_fact_with_both_provenances(seeds):
    provenance = seeds["NCT03171194"][1]["provenance"]["facts.participants.n_enrolled"]
    assert {(p["source"][:3], p["lang"]) for p in provenance} == {
        ("000", "en"), ("001", "en"), ("001", "zh")}


@pytest.mark.parametrize("en, arms", [
    # groups listed with their sizes are the study's groups when they add up to its n
    ("A total of 39 patients were treated. There were 7 cases of ICUS, 8 cases of CCUS and 24 "
     "cases of myeloid malignancies.", [("ICUS", 7), ("CCUS", 8), ("myeloid malignancies", 24)]),
    ("A total of 40 patients were treated. There were 7 cases of ICUS and 8 cases of CCUS.", []),
])
def test_groups_that_add_up_to_the_study(en, arms):
    record = Record(id="paste.txt#0", source="paste.txt", format="text", index=0, text=en,
                    abstract=[Section("methods", "en", en, 0, len(en))])
    participants = extract_facts(Study("s", [record])).facts.participants
    assert [(a.name, a.n) for a in participants.arms] == arms


def test_a_conclusion_under_its_heading_comes_before_one_told_by_its_words():
    # Embase case report: the case's story, under Background, has a conclusion cue
    story = ("Case presentation: The patient was a 43 year-old woman with abdominal pain. As "
             "these imaging findings suggested a tumor originated from pancreas, the diagnosis "
             "was mucinous cystic neoplasm.")
    ending = "We experienced an extremely rare case of enteric duplication cyst cancer."
    text = f"{story} {ending}"
    record = Record(id="e.ris#0", source="e.ris", format="ris", index=0, text=text,
                    abstract=[Section("background", "en", story, 0, len(story)),
                              Section("conclusions", "en", ending, len(story) + 1, len(text))])
    assert extract_facts(Study("s", [record])).facts.conclusion["en"] == ending


@pytest.mark.parametrize("en, zh, aim_en, aim_zh", [
    # WMT Medline doc17 (headed; "Methods" a run-in heading after two spaces)
    ("Objective To study the influence of halogenated hydroxyl-alkanes on the determination of "
     "ethanol in blood.  Methods Halogenated hydroxyl-alkanes were analyzed.",
     "目的 研究卤代羟基烷类对血液中乙醇含量检测的影响。方法 利用顶空气相色谱法进行分析。",
     "To study the influence of halogenated hydroxyl-alkanes on the determination of ethanol "
     "in blood.", "研究卤代羟基烷类对血液中乙醇含量检测的影响。"),
    # WMT Medline doc37 and doc14: a review says what it covers
    ("Complex kinship analysis is widely used. This paper analyzes the main types of complex "
     "kinships and their genetic markers.", "本文综述了复杂亲缘关系鉴定的主要类型。",
     "This paper analyzes the main types of complex kinships and their genetic markers.",
     "本文综述了复杂亲缘关系鉴定的主要类型。"),
    # WMT Medline doc45: medicine's "ultimate aim" in the background is not the study's
    ("Schizophrenia has a strong genetic component.", "医学的最终目的是对疾病进行一级预防。",
     None, None),
])
def test_the_aim_of_a_study_or_the_scope_of_a_review(en, zh, aim_en, aim_zh):
    aim = extract_facts(Study("s", [bilingual(en, zh)])).facts.aim
    assert aim == {"en": aim_en, "zh": aim_zh}


@pytest.mark.parametrize("en, condition, title", [
    # WMT Medline doc30: the disease the background defines is the one the study's aim names
    ("Canine atopic dermatitis (cAD) is a common inflammatory and pruritic skin disease. To "
     "evaluate a spray on the clinical signs of atopic dogs. Ten atopic dogs. There was a rapid "
     "decrease in the clinical signs associated with cAD after use of the spray.",
     "canine atopic dermatitis", None),
    # a disease of the background that the study's own sentences never name is not its condition
    ("Diabetes is a common chronic disease. To evaluate a walking programme in older adults. "
     "Walking improved fitness.", None, None),
    # Embase (realworld-dev embase.ris #3): a review whose title names the anomaly it defines
    ("Congenital neck masses can be a developmental anomaly of cystic, solid, or vascular "
     "origin. The most common neck masses in young children are thyroglossal duct cysts.",
     "congenital neck masses", "Congenital Neck Masses"),
])
def test_a_disease_the_background_defines_and_the_study_names(en, condition, title):
    record = Record(id="p.txt#0", source="p.txt", format="text", index=0, text=en,
                    title={"en": title, "zh": None},
                    abstract=[Section("other", "en", en, 0, len(en))])
    assert extract_facts(Study("s", [record])).facts.participants.condition == condition


def test_a_finding_told_in_words_is_the_finding_when_no_number_is_given():
    # WMT Medline doc44: a benchmarking study whose findings have no number in the abstract
    en = ("This study used a benchmarking strategy to compare couple therapy in the community "
          "with the efficacy trials. We found that effect sizes in the community clinic were "
          "smaller than those of the efficacy studies. This is the first benchmarking study of "
          "community-based couple therapy.")
    zh = ("本研究采用一种标杆分析方法来对比社区环境中伴侣疗法的有效性。"
          "我们发现在实际的社区诊所的治疗效应值大小比其功效研究的要小。"
          "这是第一个关于基于社区环境的伴侣疗法的标杆分析研究。")
    finding = extract_facts(Study("s", [bilingual(en, zh)])).facts.finding
    assert finding == {"en": "We found that effect sizes in the community clinic were smaller "
                             "than those of the efficacy studies.",
                       "zh": "我们发现在实际的社区诊所的治疗效应值大小比其功效研究的要小。"}


def test_a_chinese_quote_keeps_its_full_width_punctuation():
    """WMT doc5: the normalized text reads "，（）" as ",()" for the patterns; a quote gives
    the sentence as written (full-width digits and letters are still read as ASCII)."""
    aim, said = "评价改革。", "整个卫生体系形成多重结构（准则和公共机构），共１２项。"
    zh = aim + said
    record = Record(id="z#0", source="z", format="text", index=0, text=zh,
                    normalized=normalize(zh)[0],
                    abstract=[Section("objective", "zh", aim, 0, len(aim)),
                              Section("conclusions", "zh", said, len(aim), len(zh))])
    conclusion = extract_facts(Study("s", [record])).facts.conclusion["zh"]
    assert conclusion == "整个卫生体系形成多重结构（准则和公共机构），共12项。"


def test_the_finding_is_no_baseline_or_follow_up_sentence():
    """WMT doc20: the groups alike at the start, the follow-up, then the finding (its P value
    lost, the bracket left open)."""
    en = ("RESULTS There was no significant difference in gender, age, body mass index and "
          "fracture type between the two groups (  The patients in both groups were followed "
          "up for an average of 12.5 months (range, 6-16 months).  The operation time and "
          "intraoperative blood loss in INFIX group were significantly lower than those in "
          "plate group (")
    record = Record(id="p#0", source="p", format="text", index=0, text=en,
                    abstract=[Section("results", "en", en, 0, len(en), "RESULTS")])
    finding = extract_facts(Study("s", [record])).facts.finding["en"]
    assert finding.startswith("The operation time and intraoperative blood loss")


def bilingual(en: str, zh: str, source: str = "paste.txt") -> Record:
    """A pasted abstract: English paragraph, blank line, Chinese paragraph."""
    text = f"{en}\n\n{zh}\n"
    return Record(id=f"{source}#0", source=source, format="text", index=0, text=text,
                  abstract=[Section("other", "en", en, 0, len(en)),
                            Section("other", "zh", zh, len(en) + 2, len(en) + 2 + len(zh))])


def test_languages_that_disagree_are_a_conflict():
    record = bilingual("Forty patients were enrolled. They received 1×10⁶ MSCs/kg.",
                       "共纳入 14 例患者。")
    out = extract_facts(Study("s", [record])).to_dict()
    (conflict,) = out["conflicts"]
    assert conflict["field"] == "facts.participants.n_enrolled"
    assert [v["value"] for v in conflict["values"]] == [40, 14]
    assert conflict["resolution"] is None
    assert out["facts"]["participants"]["n_enrolled"] is None


def test_a_percent_that_differs_between_languages_is_a_conflict():
    record = bilingual("Of six patients, five (83.3%) achieved the endpoint.",
                       "在 6 名患者中,有 5 名(83%)达到终点。")
    out = extract_facts(Study("s", [record])).to_dict()
    assert [r["percent"] for r in out["facts"]["results"]] == [83.3, 83.0]
    (conflict,) = out["conflicts"]
    assert conflict["field"] == "facts.results (x of n = 5/6).percent"
    assert [(v["value"]["percent"], v["sources"][0]["lang"]) for v in conflict["values"]] == [
        (83.3, "en"), (83.0, "zh")]


def test_counts_without_their_whole_are_no_percent_conflict():
    # WMT Medline doc19: eight of 20 and eight of 11
    record = bilingual("Cytogenetics were analysed.",
                       "结果：20例中，11例(55%)为复杂核型，8例(40%)为亚二倍体。另11例中8例(73%)携带t(14)。")
    out = extract_facts(Study("s", [record])).to_dict()
    assert sorted((r["numerator"], r["percent"]) for r in out["facts"]["results"]) == [
        (8, 40.0), (8, 73.0), (11, 55.0)]
    assert out["conflicts"] == []


def test_a_result_without_a_percent_is_no_percent_conflict():
    record = bilingual("Of 18 patients, 13 (72.2%) improved. It improved in 13 of 18 patients.",
                       "无。")
    out = extract_facts(Study("s", [record])).to_dict()
    assert [r["percent"] for r in out["facts"]["results"]] == [72.2, None]
    assert out["conflicts"] == []


def test_a_count_and_share_joins_the_x_of_n_the_other_language_states():
    # WMT Medline doc41: only the Chinese says "of 19"
    record = bilingual(
        "The genetic mutation results and clinical data of 19 children with JMML were collected "
        "and analyzed retrospectively. The median age at diagnosis was 13(3-48) months, and 14 "
        "cases (73.68%) were less than 2 years old.",
        "收集19例JMML患儿的基因突变结果及临床资料。诊断中位年龄13（3-48）个月，19例中14例（73.68%）＜2岁。")
    (result,) = extract_facts(Study("s", [record])).to_dict()["facts"]["results"]
    assert (result["numerator"], result["denominator"], result["percent"]) == (14, 19, 73.68)
    assert result["lang"] == "en" and result["texts"]["en"].endswith("less than 2 years old.")
    assert result["texts"]["zh"] == "诊断中位年龄13（3-48）个月，19例中14例（73.68%）＜2岁。"


def test_registration_from_metadata_is_placed_or_reported():
    record = bilingual("Forty patients were enrolled.", "共纳入 40 例患者。")
    record.text += "Registration: NCT01234567\n"
    record.registrations = ["NCT01234567", "ISRCTN99999999"]
    out = extract_facts(Study("s", [record])).to_dict()
    assert out["facts"]["registrations"] == ["NCT01234567"]
    (p,) = out["provenance"]["facts.registrations[0]"]
    assert record.text[p["start"]:p["end"]] == "NCT01234567"
    assert [w["kind"] for w in out["warnings"]] == ["unplaced"]
    assert "ISRCTN99999999" in out["warnings"][0]["message"]


def test_a_lost_exponent_in_one_language_is_resolved_by_the_other():
    record = bilingual("Six women received 1×106 MSCs/kg.",
                       "6 名女性接受 1×10 MSCs/kg 的静脉输注。")
    out = extract_facts(Study("s", [record])).to_dict()
    assert [d["value"] for d in out["facts"]["interventions"][0]["dose"]] == [1000000]
    (conflict,) = out["conflicts"]
    assert [s["lang"] for v in conflict["values"] for s in v["sources"]] == ["en", "zh"]
    assert conflict["resolution"] == 1000000
    assert out["facts"]["participants"]["n_enrolled"] == 6
    assert [p["lang"] for p in out["provenance"]["facts.participants.n_enrolled"]] == ["en", "zh"]


def test_doses_that_differ_between_languages_are_a_conflict():
    record = bilingual("Patients received 1×10⁶ MSCs/kg.", "患者接受 1×10⁵ MSCs/kg 的静脉输注。")
    out = extract_facts(Study("s", [record])).to_dict()
    assert [d["value"] for d in out["facts"]["interventions"][0]["dose"]] == [1000000, 100000]
    (conflict,) = out["conflicts"]
    assert conflict["field"] == "facts.interventions[0].dose"
    assert [v["text"] for v in conflict["values"]] == ["1×10⁶", "1×10⁵"]
    assert conflict["resolution"] is None


def test_a_lost_exponent_without_a_twin_stays_null_with_a_warning():
    record = bilingual("Six women received 1×10 MSCs/kg.", "6 名女性接受 1×10 MSCs/kg 的静脉输注。")
    out = extract_facts(Study("s", [record])).to_dict()
    assert out["facts"]["interventions"][0]["dose"] == [
        {"value": None, "max": None, "unit": "cells/kg", "text": "1×10 MSCs/kg", "given": True,
         "lost_exponent": True}]
    assert [w["kind"] for w in out["warnings"]] == ["lost-exponent"]
    assert "value is null" in out["warnings"][0]["message"]


def test_facts_the_sources_do_not_give_are_null():
    record = bilingual("Lupus is a chronic disease.", "狼疮是一种慢性疾病。")
    facts = extract_facts(Study("s", [record])).to_dict()["facts"]
    assert facts["participants"]["n_enrolled"] is None
    assert facts["interventions"] == [] and facts["results"] == [] and facts["outcomes"] == []
    assert facts["design"] == {"study_type": "other", "study_type_confidence": 0.0,
                               "phase": None, "tags": [], "inferred": []}
    assert facts["follow_up"] is None and facts["comparator"] is None


def test_news_records_are_not_read():
    record = bilingual("Forty patients were enrolled.", "共纳入 40 例患者。")
    record.kind = "news"
    assert extract_facts(Study("s", [record])).facts.participants.n_enrolled is None


def test_unplaced_sections_are_reported():
    record = bilingual("Forty patients were enrolled.", "共纳入 40 例患者。")
    record.abstract[1].start = record.abstract[1].end = None
    out = extract_facts(Study("s", [record])).to_dict()
    assert [w["kind"] for w in out["warnings"]] == ["unplaced"]
    assert [p["lang"] for p in out["provenance"]["facts.participants.n_enrolled"]] == ["en"]


def phrase_tagger(phrases):
    """A tagger that labels given phrases wherever they occur: {label: [phrase, ...]}."""
    def tag(text, lang):
        spans = []
        for label, words in phrases.items():
            for w in words:
                at = text.find(w)
                if at >= 0:
                    spans.append(PicoSpan(label, at, at + len(w), w, 0.9))
        return spans
    return tag


def test_what_a_sentence_on_the_groups_alike_at_the_start_lists_is_no_outcome():
    # WMT doc27's Chinese side: the baseline variables the tagger labelled as outcomes
    zh = ("本研究比较机器人辅助与徒手植钉的安全性与准确性。"
          "两组患者年龄、性别构成、体质量指数等一般资料比较差异均无统计学意义。"
          "A组手术时间显著高于B组。")
    record = Record(id="z.txt#0", source="z.txt", format="text", index=0, text=zh,
                    abstract=[Section("other", "zh", zh, 0, len(zh))])
    tagger = phrase_tagger({"O": ["安全性与准确性", "体质量指数", "手术时间"]})
    outcomes = extract_facts(Study("s", [record]), tagger=tagger).facts.outcomes
    assert [o.name for o in outcomes] == ["安全性与准确性", "手术时间"]


def test_why_the_authors_think_results_came_out_so_names_no_outcome():
    # realworld-dev PsycINFO (NCT02265588): the tagger's O spans in the authors' guess
    en = ("We assessed psychological outcomes in 90 adolescents with IBD. CBT did not improve "
          "psychological outcomes compared with standard medical care. CONCLUSIONS We assume "
          "that this can be explained by the perceived low burden of the disease.")
    cut = en.index("CONCLUSIONS")
    record = Record(id="p#0", source="p", format="text", index=0, text=en, abstract=[
        Section("other", "en", en[:cut - 1], 0, cut - 1),
        Section("conclusions", "en", en[cut + 12:], cut + 12, len(en), "CONCLUSIONS")])
    tagger = phrase_tagger({"O": ["psychological outcomes", "low burden"]})
    outcomes = extract_facts(Study("s", [record]), tagger=tagger).facts.outcomes
    assert [o.name for o in outcomes] == ["psychological outcomes"]


def test_the_arm_set_against_a_control_is_the_intervention():
    """WMT doc34: the tagger took the disadvantage the programme buffers for the treatment."""
    en = ("The current paper examines the role of family integration in buffering the impact "
          "of social disadvantage in a sample of N = 298 families randomly assigned either to a "
          "control condition or to a family-based prevention program. Youth delinquent "
          "behaviors decreased.")
    record = bilingual(en, "共纳入298个家庭。")
    out = extract_facts(Study("s", [record]), tagger=phrase_tagger({"I": ["disadvantage"]}))
    assert [i.name for i in out.facts.interventions] == ["family-based prevention program"]


def test_the_two_treatments_an_aim_compares():
    """ChinaXiv 202209.00094: the first treatment an aim compares is the tested one, the second
    the comparator, in both languages; patients "with" their condition are no comparator, nor
    is the tagger's span that joins both treatments the intervention, and the arms are named
    in each language."""
    en = ("To compare the effcacy of dual-frequency dual-pulse laser lithotripsy under ERCP and "
          "traditional endoscopic mechanical lithotripsy in the treatment of patients with "
          "common bile duct stones. The clinical data of 200 patients were retrospectively "
          "analyzed, of which 69 patients were treated with laser lithotripsy (laser group) and "
          "131 patients were treated with mechanical lithotripsy (mechanical group).")
    zh = ("比较ERCP下双频双脉冲激光碎石与内镜下传统机械碎石治疗胆总管结石患者的疗效差异。分析200例"
          "胆总管结石患者的临床资料，其中69例患者采用双频双脉冲激光碎石术(激光组),131例患者采用"
          "机械碎石(机械组)。")
    both = ("dual-frequency dual-pulse laser lithotripsy under ERCP and traditional endoscopic "
            "mechanical lithotripsy")
    out = extract_facts(Study("s", [bilingual(en, zh)]), tagger=phrase_tagger({"I": [both]}))
    facts = out.facts
    assert facts.design.study_type == "cohort"
    assert facts.comparator == "traditional endoscopic mechanical lithotripsy"
    assert facts.wording["comparator"]["zh"] == "内镜下传统机械碎石"
    assert [(a.name, a.n) for a in facts.participants.arms] == [("laser", 69), ("mechanical", 131)]
    assert [facts.wording[f"participants.arms[{i}]"]["zh"] for i in (0, 1)] == ["激光组", "机械组"]


def test_tagger_spans_give_population_intervention_and_outcomes():
    en = ("Thirty adults with moderate asthma were enrolled. They inhaled budesonide twice daily. "
          "Lung function improved.")
    record = bilingual(en, "30 名中度哮喘成人入组。")
    tagger = phrase_tagger({"P": ["Thirty adults with moderate asthma", "中度哮喘成人"],
                            "I": ["budesonide"], "O": ["Lung function"]})
    out = extract_facts(Study("s", [record]), tagger=tagger).to_dict()
    facts = out["facts"]
    assert facts["participants"]["text"] == {"en": "Thirty adults with moderate asthma",
                                             "zh": "中度哮喘成人"}
    assert facts["participants"]["condition"] == "moderate asthma"
    assert facts["interventions"][0]["name"] == "budesonide"
    assert facts["interventions"][0]["schedule"] == "twice daily"
    assert facts["outcomes"] == [{"name": "Lung function", "primary": None}]
    (p,) = out["provenance"]["facts.interventions[0].name"]
    assert record.text[p["start"]:p["end"]] == "budesonide"


@pytest.mark.parametrize("en, sex, counts, share", [
    ("Seven patients were enrolled. Seven (100%) were women.", "female",
     {"female": 7, "male": None}, {"female": None, "male": None}),
    # one sex counted, fewer than all: not "all of them were women"
    ("Forty patients were enrolled, 15 women and 25 men.", "mixed", {"female": 15, "male": 25},
     {"female": None, "male": None}),
    ("Forty patients were enrolled. Fifteen (38%) were women.", "mixed",
     {"female": 15, "male": None},
     {"female": None, "male": None}),
    ("The sample included 53 patients (66% females).", None, {"female": None, "male": None},
     {"female": 66.0, "male": None}),
])
def test_sex_of_the_whole_study(en, sex, counts, share):
    record = Record(id="paste.txt#0", source="paste.txt", format="text", index=0, text=en,
                    abstract=[Section("methods", "en", en, 0, len(en))])
    participants = extract_facts(Study("s", [record])).facts.participants
    assert (participants.sex, participants.sex_counts, participants.sex_share) == (
        sex, counts, share)


def test_who_took_part_from_a_paper_body_when_the_abstract_leaves_it_out():
    """ChinaXiv 201712.00609: the abstract gives 80 patients; the body's methods give the
    arms, sex and age. The body's "4名评定者" (raters) does not replace the abstract's n."""
    [record] = read_paths([REAL / "bilingual" / "ChinaXiv-201712.00609V1.md"])
    out = extract_facts(Study("s", [record])).to_dict()
    participants = out["facts"]["participants"]
    assert participants["n_enrolled"] == 80
    assert [(a["name"], a["n"]) for a in participants["arms"]] == [("实验组", 40),
                                                                  ("喜疗妥组", 40)]
    assert participants["sex_counts"] == {"female": 34, "male": 46}
    assert participants["age"] == {"mean": 47, "min": 29, "max": 66, "sd": None,
                                   "unit": "years"}
    body_start = min(s.start for s in record.body)
    for path in ("facts.participants.sex_counts.female", "facts.participants.age",
                 "facts.participants.arms[0]"):
        (p,) = out["provenance"][path]
        assert p["start"] >= body_start, path
    (n,) = {p["start"] for p in out["provenance"]["facts.participants.n_enrolled"]
            if p["lang"] == "zh"}
    assert n < body_start


@pytest.mark.parametrize("en, age", [
    # Embase (realworld-dev embase.ris #4): two patients, each described
    ("We describe two cases. The first patient was a 29-year-old man who presented with pain. "
     "The second patient was a 26-year-old woman.",
     {"min": 26, "max": 29, "sd": None, "unit": "years"}),
    ("We report a case. The patient was a 43 year-old woman with abdominal pain.",
     {"mean": 43, "min": None, "max": None, "sd": None, "unit": "years"}),
])
def test_the_ages_of_a_reports_patients(en, age):
    record = Record(id="paste.txt#0", source="paste.txt", format="text", index=0, text=en,
                    abstract=[Section("other", "en", en, 0, len(en))])
    assert extract_facts(Study("s", [record])).facts.participants.age == age


def test_the_condition_studied_is_no_outcome():
    """WMT doc30: the tagger's O spans held the condition's abbreviation, ``cAD``."""
    en = ("Canine atopic dermatitis (cAD) is a common skin disease. Ten atopic dogs with cAD "
          "were treated. The pruritus score and cAD improved.")
    record = bilingual(en, "十只犬接受了治疗。")
    out = extract_facts(Study("s", [record]), tagger=phrase_tagger({"O": ["pruritus score",
                                                                         "cAD"]}))
    assert [o.name for o in out.facts.outcomes] == ["pruritus score"]


def test_an_age_range_that_the_other_language_gives_in_full_is_no_conflict():
    record = bilingual("We treated 18 patients; their age ranged from 32 to 57 years.",
                       "本组18例，年龄 32～57 岁，平均 42.1 岁。")
    out = extract_facts(Study("s", [record])).to_dict()
    assert out["facts"]["participants"]["age"] == {"mean": 42.1, "min": 32, "max": 57,
                                                   "sd": None, "unit": "years"}
    assert not out["conflicts"]


@pytest.mark.parametrize("population, condition", [
    ("pediatric patients with IBD and their parents", "IBD"),
    ("43-year-old woman with slightly abdominal pain.", "slightly abdominal pain"),
    ("Thirty adults with moderate asthma", "moderate asthma"),
])
def test_the_condition_of_a_tagged_population(population, condition):
    en = f"We studied {population} They were interviewed."
    record = bilingual(en, "我们访谈了他们。")
    out = extract_facts(Study("s", [record]),
                        tagger=phrase_tagger({"P": [population]})).to_dict()
    assert out["facts"]["participants"]["condition"] == condition
    (p, *_) = out["provenance"]["facts.participants.condition"]
    assert record.text[p["start"]:p["end"]] == condition


def test_a_verb_the_tagger_took_with_its_span_is_left_out():
    en = "We included 70 youth with IBD and measured psychological outcomes at 6 months."
    record = bilingual(en, "共纳入 70 例患者。")
    tagger = phrase_tagger({"O": ["measured psychological outcomes"]})
    out = extract_facts(Study("s", [record]), tagger=tagger).to_dict()
    assert [o["name"] for o in out["facts"]["outcomes"]] == ["psychological outcomes"]
    (p,) = out["provenance"]["facts.outcomes[0]"]
    assert record.text[p["start"]:p["end"]] == "psychological outcomes"


@pytest.mark.parametrize("en, phrases, comparator, population", [
    ("Six women received 1×10⁶ MSCs/kg; their physician adjusted steroids.",
     {"C": ["physician"], "P": ["women"]}, None,
     "Six women received 1×10⁶ MSCs/kg; their physician adjusted steroids."),
    ("Sixty adults with knee osteoarthritis received SVF versus hyaluronic acid.",
     {"C": ["hyaluronic acid"], "P": ["adults with knee osteoarthritis"]}, "hyaluronic acid",
     "adults with knee osteoarthritis"),
    # seed 004: dose arms joined by "or" are not a comparison
    ("Eight adults with lupus received a single infusion of 2 x 106 or 4 x 106 cells per kg.",
     {"C": ["single"], "P": ["adults with lupus"]}, None, "adults with lupus"),
    # seed 004: a sentence about future work is not this trial's
    ("Eight adults with lupus received 2×10⁶ MSCs/kg. Placebo-controlled trials are needed.",
     {"C": ["Placebo-controlled"], "P": ["adults with lupus"]}, None, "adults with lupus"),
    # a span that names nothing (sample medline record) is no comparator even beside "versus"
    ("Eighteen adults with pneumonia received 3 x 107 versus 9 x 107 cells.",
     {"C": ["3 x"], "P": ["adults with pneumonia"]}, None, "adults with pneumonia"),
])
def test_weak_tagger_spans_do_not_override_patterns(en, phrases, comparator, population):
    record = bilingual(en, "无。")
    facts = extract_facts(Study("s", [record]), tagger=phrase_tagger(phrases)).to_dict()["facts"]
    assert facts["comparator"] == comparator
    assert facts["participants"]["text"]["en"] == population
    assert ("single-arm" in facts["design"]["tags"]) == (comparator is None)


@pytest.mark.parametrize("span", [".", "3", "2 x", "—"])
def test_tagger_spans_without_a_letter_name_nothing(span):
    # sample records.jsonl#1: the tagger gave I to a lone full stop, and it became the name
    record = bilingual("Twelve adults received 2 x 106 MSCs/kg weekly. Three responded.", "无。")
    tagger = phrase_tagger({"I": [span, "MSCs"]})
    facts = extract_facts(Study("s", [record]), tagger=tagger).to_dict()["facts"]
    assert facts["interventions"][0]["name"] == "MSCs"


def test_tagger_spans_off_their_offsets_are_counted_not_used():
    record = bilingual("Thirty adults with asthma were enrolled.", "30 名哮喘成人入组。")

    def shifted(text, lang):
        return [PicoSpan("I", 1, 11, "budesonide", 0.9)]

    out = extract_facts(Study("s", [record]), tagger=shifted).to_dict()
    assert out["facts"]["interventions"] == []
    (warning,) = out["warnings"]
    assert warning["kind"] == "unplaced"
    assert warning["message"].startswith("2 PICO span(s) from the tagger are not at their offsets")


def test_to_dict_has_the_contract_keys(seeds):
    out = seeds["NCT03171194"][1]
    assert list(out) == ["facts", "provenance", "conflicts", "warnings"]
    assert {"design", "participants", "interventions", "comparator", "outcomes", "results",
            "adverse_events", "follow_up", "setting"} <= set(out["facts"])
    assert {"n_enrolled", "n_screened", "sex", "age", "condition", "text"} <= set(
        out["facts"]["participants"])


def test_a_facts_chinese_wording_comes_from_the_aligned_sentence():
    en = ("Forty adults with asthma were enrolled. Patients in the first group received "
          "budesonide at 400 μg daily. The control group received montelukast.")
    zh = "共纳入40例哮喘成人。第一组患者接受布地奈德每日400 μg。对照组接受孟鲁司特。"
    record = bilingual(en, zh)
    tagger = phrase_tagger({"I": ["budesonide", "布地奈德", "孟鲁司特"]})
    sentences = {lang: [Sentence(s.text, lang, s.start, s.end) for s in split(record, lang)]
                 for lang in ("en", "zh")}
    alignment = Alignment("a", sentences["en"], sentences["zh"],
                          [Bead([i], [i], 1.0) for i in range(3)])
    out = extract_facts(Study("s", [record]), tagger, {record.id: alignment})
    assert out.facts.wording["interventions[0].name"] == {"en": "budesonide", "zh": "布地奈德"}
    (cited,) = out.provenance["wording.interventions[0].name.zh"]
    assert record.text[cited["start"]:cited["end"]] == "布地奈德"
    # the aligned sentence holds no Chinese name: none is borrowed from another sentence
    crossed = Alignment("a", sentences["en"], sentences["zh"],
                        [Bead([0], [1], 1.0), Bead([1], [0], 1.0), Bead([2], [2], 1.0)])
    out = extract_facts(Study("s", [record]), tagger, {record.id: crossed})
    assert out.facts.wording["interventions[0].name"] == {"en": "budesonide", "zh": None}


def test_a_conclusion_found_in_one_language_is_quoted_from_the_aligned_other():
    """WMT doc25: the English conclusion opens "Recognizing the perspectives…", the Chinese
    "认识到孩子父母的视角…": no cue word in either; under a Conclusion heading in English only."""
    en = ("Fourteen parents were interviewed. The children's problems were attributed to "
          "adolescence. CONCLUSIONS Recognizing the parents' perspectives can help to design "
          "treatment strategies.")
    zh = "共访谈了14名父母。孩子的问题被归因于青春期。认识到父母的视角可以有助于制定治疗策略。"
    record = bilingual(en, zh)
    record.abstract[0:1] = [
        Section("other", "en", en[:en.index(" CONCLUSIONS")], 0, en.index(" CONCLUSIONS")),
        Section("conclusions", "en", en[en.index("Recognizing"):], en.index("Recognizing"),
                len(en), "CONCLUSIONS")]
    sentences = {lang: [Sentence(s.text, lang, s.start, s.end) for section in
                        record.sections(lang)
                        for s in split_sentences(section.text, lang, section.start)]
                 for lang in ("en", "zh")}
    assert extract_facts(Study("s", [record])).facts.conclusion["zh"] is None
    alignment = Alignment("a", sentences["en"], sentences["zh"],
                          [Bead([i], [i], 1.0) for i in range(3)])
    out = extract_facts(Study("s", [record]), None, {record.id: alignment}).to_dict()
    assert out["facts"]["conclusion"] == {
        "en": "Recognizing the parents' perspectives can help to design treatment strategies.",
        "zh": "认识到父母的视角可以有助于制定治疗策略。"}
    (cited,) = out["provenance"]["facts.conclusion.zh"]
    assert record.text[cited["start"]:cited["end"]] == out["facts"]["conclusion"]["zh"]


def test_a_titles_fact_is_worded_from_the_chinese_title():
    # realworld-dev ChinaXiv 201712.00609: the condition is named only in the English title
    en_title = ("The effectiveness of biafine and hirudoid cream on radiation dermatitis in "
                "patients with nasopharyngeal carcinoma")
    zh_title = "预防鼻咽癌患者放射性皮炎的两种方法的效果比较"
    en, zh = "Eighty patients were randomly divided.", "80例患者随机分为两组。"
    text = f"{zh_title}\n\n{en_title}\n\n{en}\n\n{zh}\n"
    at_en, at_zh = text.index(en), text.index(zh)
    record = Record(id="p.md#0", source="p.md", format="paper", index=0, text=text,
                    title={"en": en_title, "zh": zh_title},
                    abstract=[Section("methods", "en", en, at_en, at_en + len(en)),
                              Section("methods", "zh", zh, at_zh, at_zh + len(zh))])
    out = extract_facts(Study("s", [record]))
    assert out.facts.wording["participants.condition"] == {"en": "nasopharyngeal carcinoma",
                                                          "zh": "鼻咽癌"}


def split(record, lang):
    (section,) = record.sections(lang)
    return split_sentences(record.text[section.start:section.end], lang, section.start)
