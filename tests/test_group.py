from pathlib import Path

import numpy as np
import pytest

from summarizer.group import (
    _similar_title_candidates,
    content_features,
    group_records,
    link_evidence,
)
from summarizer.schema import Record


def make_record(source, text="", kind="article", **fields):
    return Record(id=f"{source}#0", source=source, format="text", index=0, text=text,
                  normalized=text, kind=kind, **fields)


TRIAL_TEXT = ("Six women with a SLEDAI >6 received one intravenous infusion of 1×106 MSCs/kg "
              "in this phase I trial.")
NEWS_TEXT = ("Researchers at the Medical University of South Carolina ran a Phase 1 trial in six "
             "patients with lupus. Each patient received one million cells per kg.")


@pytest.mark.parametrize(
    "fields_a, fields_b, same_study",
    [
        ({"registrations": ["NCT03171194"]}, {"registrations": ["NCT03171194"]}, True),
        ({"doi": "10.1136/lupus-2022-000704"}, {"doi": "10.1136/LUPUS-2022-000704"}, True),
        ({"pmid": "35790000"}, {"pmid": "35790000"}, True),
        ({"registrations": ["NCT03171194"]}, {"registrations": ["NCT03562065"]}, False),
        ({"title": {"en": "Umbilical cord MSC transplantation in refractory lupus", "zh": None}},
         {"title": {"en": "Umbilical cord MSC transplantation in refractory lupus.", "zh": None}},
         True),
        ({"title": {"en": "Umbilical cord MSC transplantation in refractory lupus", "zh": None}},
         {"title": {"en": "Bone marrow MSC transplantation in lupus nephritis", "zh": None}},
         False),
    ],
)
def test_articles_merge_only_on_shared_identifier_or_title(fields_a, fields_b, same_study):
    studies = group_records([make_record("a.txt", **fields_a), make_record("b.txt", **fields_b)])
    assert (len(studies) == 1) is same_study


def test_study_id_prefers_nct_then_doi():
    record = make_record("a.ris", registrations=["EUDRACT2017-001400-29", "NCT03562065"],
                         doi="10.1016/x")
    assert group_records([record])[0].study_id == "NCT03562065"
    assert group_records([make_record("b.ris", doi="10.1016/x")])[0].study_id == "doi-10.1016_x"


def test_news_gets_probable_link_not_merge():
    trial = make_record("trial.txt", TRIAL_TEXT, registrations=["NCT03171194"],
                        affiliations=["Medical University of South Carolina, Charleston, USA"])
    other = make_record("other.txt", "Forty patients were enrolled from 4 centers.",
                        registrations=["NCT01111111"])
    news = make_record("news.txt", NEWS_TEXT, kind="news")
    studies = group_records([trial, other, news])
    assert [s.study_id for s in studies] == ["NCT01111111", "NCT03171194"]
    (link,) = studies[1].links
    assert link.source == "news.txt" and 0.5 <= link.confidence < 1
    assert "Medical University of South Carolina" in link.reason
    assert all(r.source != "news.txt" for s in studies for r in s.records)


def test_news_without_clear_match_stands_alone():
    trial = make_record("trial.txt", "Forty patients with lupus.", registrations=["NCT01111111"])
    news = make_record("news.txt", "A new cream for eczema was tested in mice.", kind="news")
    studies = group_records([trial, news])
    assert len(studies) == 2 and not studies[0].links


@pytest.mark.parametrize(
    "text, sizes, doses, phases",
    [
        ("Six women received 1×106 MSCs/kg", {6}, {1e6}, set()),
        ("Forty patients, 2 x 106 cells per kg, phase II", {40}, {2e6}, {"2"}),
        ("one million cells per kg in a Phase 1 trial of 12 adults", {12}, {1e6}, {"1"}),
        ("1×10 MSCs/kg (exponent lost) in 8例 I 期", set(), set(), {"1"}),
        ("1,555 women and Twenty-nine adult patients", {1555, 29}, set(), set()),
        ("13 339 women; 2 million cells; 1×10¹² vg", {13339}, {2e6, 1e12}, set()),
        ("COVID19 patients", set(), set(), set()),
    ],
)
def test_content_features(text, sizes, doses, phases):
    features = content_features(text)
    assert set(features.sample_sizes) == sizes
    assert set(features.cell_doses) == doses
    assert set(features.phases) == phases


def test_link_evidence_is_zero_for_unrelated_text():
    study = content_features(TRIAL_TEXT, ["Medical University of South Carolina"])
    confidence, reasons = link_evidence("Weather report for Tuesday.", study)
    assert confidence == 0 and reasons == []


@pytest.mark.slow
@pytest.mark.parametrize("chunk", [256, 2])  # texts encoded at a time: same groups
def test_english_and_chinese_versions_are_one_study_and_same_topic_trials_stay_apart(
        chunk, monkeypatch):
    from pathlib import Path

    from summarizer import pipeline
    from summarizer.ingest import read_paths
    from summarizer.pipeline import group_studies
    from summarizer.schema import Section

    monkeypatch.setattr(pipeline, "GROUP_ENCODE_CHUNK", chunk)

    root = Path(__file__).resolve().parent
    paper = next(r for r in read_paths([root / "ingest/real/bilingual"])
                 if isinstance(r, Record))
    versions = []
    for lang in ("en", "zh"):  # the paper's two abstracts as two records, no shared id
        text = paper.abstract_text(lang)
        versions.append(Record(id=f"{lang}#0", source=f"paper.{lang}.txt", format="text",
                               index=0, text=text, abstract=[Section("other", lang, text, 0,
                                                                      len(text))]))
    corpus = [r for r in read_paths([root.parent / "corpus"]) if isinstance(r, Record)]
    studies = group_studies(versions + corpus, None)
    (joined,) = [s for s in studies if {"paper.en.txt", "paper.zh.txt"} & set(s.sources)]
    assert joined.sources == ["paper.en.txt", "paper.zh.txt"]
    assert joined.reasons[0].startswith("English/Chinese versions: similarity")
    # the corpus's lupus and stem-cell trials (one topic, several studies) stay apart
    assert len(studies) == 1 + len(group_studies(corpus, None))


# --- English and Chinese versions of one article, no shared identifier ----------------------

MYELOMA_EN = (
    "Objective To evaluate daratumumab combined with bortezomib and dexamethasone (DVd) in "
    "relapsed multiple myeloma. Methods A total of 86 patients treated in 2017-2020 were "
    "analysed. Results The overall response rate was 81.4% and the median progression-free "
    "survival was 16.5 months. Grade 3 thrombocytopenia occurred in 23 patients (26.7%).")
MYELOMA_ZH = (
    "目的 评价达雷妥尤单抗联合硼替佐米和地塞米松（DVd）治疗复发多发性骨髓瘤的疗效。"
    "方法 分析2017-2020年收治的86例患者。结果 总缓解率为81.4%，中位无进展生存期为16.5个月。"
    "23例（26.7%）发生3级血小板减少。")
# another myeloma study of the same journal, and a third one in Chinese: same topic and words,
# other numbers
OTHER_EN = (
    "Objective To analyse the outcome of autologous stem cell transplantation in newly "
    "diagnosed multiple myeloma. Methods 142 patients were enrolled. Results The complete "
    "response rate was 47.2% and the 3-year overall survival was 78.9%.")
OTHER_ZH = (
    "目的 分析自体造血干细胞移植治疗初诊多发性骨髓瘤的疗效。方法 纳入96例患者。"
    "结果 完全缓解率为52.1%，3年总生存率为69.3%。")


def lang_record(source, lang, text, **fields):
    from summarizer.schema import Section

    return Record(id=f"{source}#0", source=source, format="text", index=0, text=text,
                  abstract=[Section("other", lang, text, 0, len(text))], **fields)


def test_top_k_blocking_equals_the_full_product():
    from summarizer.group import _top_k

    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((300, 16)), rng.standard_normal((200, 16))
    index, value = _top_k(a, b, 5, chunk=64)
    full = a @ b.T
    assert np.array_equal(np.sort(index, axis=1), np.sort(np.argsort(-full, axis=1)[:, :5], 1))
    assert np.allclose(np.sort(value, axis=1), np.sort(full, axis=1)[:, -5:], atol=1e-5)


def fake_encode(vectors):
    """An encoder that maps each text to the vector named by its first word."""
    def encode(texts):
        out = np.array([vectors[t.split()[0]] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)
    return encode


@pytest.mark.parametrize("zh_fields", [
    {},
    {"registrations": ["ChiCTR2000031234"]},  # one side registered: no conflict
])
def test_a_clear_mutual_best_is_joined_with_its_reason(zh_fields):
    from summarizer.group import join_across_languages

    en = lang_record("pubmed.xml", "en", "A " + MYELOMA_EN)
    zh = lang_record("cnki.txt", "zh", "A " + MYELOMA_ZH, **zh_fields)
    far = lang_record("far.txt", "en", "B " + OTHER_EN)
    vectors = {"A": [1.0, 0.1, 0.0], "B": [0.0, 1.0, 0.3]}
    studies = join_across_languages(group_records([en, zh, far]), fake_encode(vectors))
    sources = sorted(tuple(s.sources) for s in studies)
    assert ("cnki.txt", "pubmed.xml") in sources and ("far.txt",) in sources
    (study,) = [s for s in studies if "pubmed.xml" in s.sources]
    # 86, 81.4, 16.5, 23, 26.7 (not years or counts up to 10), and the acronym DVd
    assert study.reasons == ["English/Chinese versions: similarity 1.00, 5 shared numbers, "
                             "1 shared acronym"]


@pytest.mark.parametrize("zh_fields", [
    {"registrations": ["ChiCTR2000031234"]},  # registry ids that differ
])
def test_differing_registry_ids_keep_versions_apart(zh_fields):
    from summarizer.group import join_across_languages

    en = lang_record("pubmed.xml", "en", "A " + MYELOMA_EN, registrations=["NCT03171194"])
    zh = lang_record("cnki.txt", "zh", "A " + MYELOMA_ZH, **zh_fields)
    studies = join_across_languages(group_records([en, zh]), fake_encode({"A": [1.0, 0.0]}))
    assert len(studies) == 2


def test_same_topic_studies_whose_numbers_disagree_stay_apart():
    from summarizer.group import join_across_languages

    # the encoder finds them alike, but every number differs: two studies on one topic
    en = lang_record("other.en.txt", "en", "A " + OTHER_EN)
    zh = lang_record("other.zh.txt", "zh", "A " + OTHER_ZH)
    studies = join_across_languages(group_records([en, zh]), fake_encode({"A": [1.0, 0.0]}))
    assert len(studies) == 2


def test_studies_on_one_topic_sharing_a_few_numbers_stay_apart():
    from summarizer.group import join_across_languages
    from summarizer.ingest import read_paths

    # the corpus's lupus trial (English) and its CNKI sample on scleroderma (Chinese): both
    # give stem cells at 1×10⁶/kg and follow for 12 months, and share no other number
    corpus = Path(__file__).parents[1] / "corpus"
    en, zh = (next(r for r in read_paths([corpus / name]) if isinstance(r, Record))
              for name in ("004_160dd4034d8eb871.txt", "samples/cnki_gbk.txt"))
    studies = join_across_languages(group_records([en, zh]), lambda texts: np.ones(
        (len(texts), 2), dtype=np.float32) / np.sqrt(2))  # the encoder finds them identical
    assert len(studies) == 2


@pytest.mark.slow
def test_two_myeloma_studies_in_two_languages_pair_up_correctly():
    from summarizer.pipeline import group_studies

    records = [lang_record("a.en.xml", "en", MYELOMA_EN), lang_record("b.en.xml", "en", OTHER_EN),
               lang_record("a.zh.txt", "zh", MYELOMA_ZH), lang_record("b.zh.txt", "zh", OTHER_ZH)]
    studies = group_studies(records, None)
    assert sorted(s.sources for s in studies) == [["a.en.xml", "a.zh.txt"], ["b.en.xml"],
                                                  ["b.zh.txt"]]
    (joined,) = [s for s in studies if len(s.sources) == 2]
    assert "shared numbers" in joined.reasons[0]


def test_a_word_of_many_titles_makes_no_candidate_pairs():
    # 300 titles share "record" (and "of"): blocking on them would pair every title with
    # every other; the near-identical pair still shares its rarer words
    titles = {i: f"record {i:04x} of trial" for i in range(300)}
    titles[300] = "record of umbilical cord stromal cells in lupus nephritis"
    titles[301] = "record of umbilical cord stromal cells in lupus nephritis a"
    pairs = _similar_title_candidates(titles)
    assert (300, 301) in pairs
    assert len(pairs) < 1000
