import pytest

from summarizer.group import content_features, group_records, link_evidence
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
def test_english_and_chinese_versions_are_one_study_and_same_topic_trials_stay_apart():
    from pathlib import Path

    from summarizer.ingest import read_paths
    from summarizer.pipeline import group_studies
    from summarizer.schema import Section

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
