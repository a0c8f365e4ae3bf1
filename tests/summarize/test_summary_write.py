"""write_summaries / write_overview: golden renderings, determinism, robustness, overrides."""

from __future__ import annotations

import json

import pytest

from summarizer.errors import TemplateError, UnknownName
from summarizer.pipeline import empty_facts
from summarizer.summarize import render, write_overview, write_summaries

SEED_IDS = ["NCT03171194", "NCT03562065", "study-b9d93440f1"]
KINDS = ["lay_en", "lay_zh", "technical_en", "technical_zh"]


@pytest.mark.parametrize("seed", SEED_IDS)
@pytest.mark.parametrize("kind", KINDS)
def test_golden_markdown(written, golden, seed, kind):
    golden(f"{seed}.{kind}.md", written[f"seed_{seed}"][kind].read_text("utf-8"))


def test_golden_html_page(written, golden):
    html = written["seed_NCT03171194"]["lay_zh"].with_suffix(".html").read_text("utf-8")
    golden("NCT03171194.lay_zh.html", html)


def test_golden_overview(tmp_path, load_study, golden):
    paths = write_overview([load_study(f"seed_{s}") for s in SEED_IDS], tmp_path)
    assert [p.name for p in paths] == ["overview.md", "overview.html"]
    golden("overview.md", paths[0].read_text("utf-8"))
    assert "<table>" in paths[1].read_text("utf-8")


def test_paths_are_relative_and_files_exist(tmp_path, load_study):
    paths = write_summaries(load_study("seed_NCT03171194"), tmp_path)
    assert paths == {k: f"studies/NCT03171194/{k}.md" for k in KINDS}
    for kind in KINDS:
        for suffix in (".md", ".html", ".provenance.json"):
            assert (tmp_path / "studies/NCT03171194" / f"{kind}{suffix}").is_file()


def test_same_input_gives_byte_identical_output(tmp_path, load_study):
    study = load_study("seed_NCT03171194")
    for run in ("a", "b"):
        write_summaries(study, tmp_path / run)
        write_overview([study], tmp_path / run)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert len(files) == 14
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_signature_names_version_template_and_hash(written):
    first = written["seed_NCT03171194"]["lay_en"].read_text("utf-8").splitlines()[0]
    assert first.startswith("<!-- summarizer 0.1.0 | template lay_en.md.j2 sha256:")
    assert first.endswith(" | study NCT03171194 -->")


def test_provenance_maps_numbers_to_facts_and_source_offsets(written):
    md = written["seed_NCT03171194"]["lay_en"]
    doc = json.loads(md.with_name("lay_en.provenance.json").read_text("utf-8"))
    (five,) = [n for n in doc["numbers"] if n["text"] == "5"]
    assert {"path": "facts.results[0]", "how": ""} in five["facts"]
    spans = doc["provenance"]["facts.results[0]"]
    assert [(e["source"], e["start"], e["end"]) for e in spans] == [
        ("000_16ae2d7e48774522.txt", 1342, 1394), ("001_894cbafbeb554ae1.txt", 1069, 1121),
        ("001_894cbafbeb554ae1.txt", 2267, 2307)]
    (pct,) = [n for n in doc["numbers"] if n["text"] == "83"]
    assert {f["how"] for f in pct["facts"]} == {"", "100 × numerator / denominator"}
    assert doc["unsupported"] == []
    assert "facts.interventions[0]" in doc["claims"]
    assert doc["provenance"]["facts.participants.n_enrolled"]


EMPTY_FACTS = empty_facts()
# A randomised trial whose abstract gives nothing else: every trial item reads "not reported".
EMPTY_TRIAL = {**EMPTY_FACTS, "design": {**EMPTY_FACTS["design"], "study_type": "rct",
                                         "study_type_confidence": 0.9}}


@pytest.mark.parametrize("study, kind, expected", [
    ({"study_id": "X1", "facts": EMPTY_TRIAL}, "lay_en",
     "How many people took part: not reported."),
    ({"study_id": "X1", "facts": EMPTY_TRIAL}, "lay_zh", "参加人数：未报告。"),
    ({"study_id": "X1", "facts": EMPTY_TRIAL}, "technical_en", "- Enrolled: not reported;"),
    ({"study_id": "X1", "facts": EMPTY_TRIAL}, "technical_zh", "- 入组：未报告；"),
    ({"study_id": "X1", "facts": EMPTY_TRIAL}, "lay_en", "Side effects: not reported."),
    ({"study_id": "X2"}, "lay_en", "The report does not say clearly what kind of study it was."),
    ({"study_id": "X3", "facts": None, "links": None, "identifiers": None}, "lay_zh",
     "报告没有说清这是一项什么样的研究。"),
    ({"study_id": "X4", "facts": {"participants": {"n_enrolled": 12, "n_analysed": 11,
      "sex": "mixed", "age": "18-65 years"}, "interventions": ["rituximab"],
      "outcomes": ["remission"], "results": [{"numerator": 3, "denominator": 12}],
      "adverse_events": "none serious", "new_key": {"x": 1}}}, "lay_en",
     "3 of the 12 people (25%) had this result: remission"),
])
def test_missing_and_odd_facts_render_not_reported(tmp_path, study, kind, expected):
    write_summaries(study, tmp_path)
    text = (tmp_path / "studies" / study["study_id"] / f"{kind}.md").read_text("utf-8")
    assert expected in text


# The arms of a trial as its facts give them: named in the summary's language (WMT doc20,
# ChinaXiv 201712.00609), by size alone where a name cannot be said in it.
INFIX = {**EMPTY_TRIAL, "participants": {"n_enrolled": 48, "arms": [
    {"name": "INFIX", "n": 21, "lang": "en"}, {"name": "plate", "n": 27, "lang": "en"}]}}
BIAFINE = {**EMPTY_TRIAL, "participants": {"n_enrolled": 80, "arms": [
    {"name": "实验组", "n": 40, "lang": "zh"}, {"name": "喜疗妥组", "n": 40, "lang": "zh"}]}}


@pytest.mark.parametrize("facts, kind, expected", [
    (INFIX, "lay_en", "They were in groups: 21 in the INFIX group and 27 in the plate group."),
    (INFIX, "technical_en", "- Arms: INFIX (n = 21); plate (n = 27)"),
    (INFIX, "lay_zh", "分组人数：21 人、27 人。"),
    (BIAFINE, "lay_zh", "分组：实验组 40 人，喜疗妥组 40 人。"),
    (BIAFINE, "technical_zh", "- 分组：实验组（n = 40）；喜疗妥组（n = 40）"),
    (BIAFINE, "lay_en", "They were in groups of 40 and 40 people."),
    (BIAFINE, "technical_en", "- Arm sizes: 40, 40"),
])
def test_arms_are_named_in_the_summarys_language_or_given_by_size(tmp_path, facts, kind,
                                                                   expected):
    write_summaries({"study_id": "A1", "facts": facts}, tmp_path)
    assert expected in (tmp_path / "studies/A1" / f"{kind}.md").read_text("utf-8")


@pytest.mark.parametrize("facts, kind, expected, absent", [
    # WMT doc41: ages in months are said in months
    ({**EMPTY_FACTS, "participants": {"n_enrolled": 19, "age": {
        "median": 13, "min": 3, "max": 48, "sd": None, "unit": "months"}}}, "lay_zh",
     "最小的 3 个月，最大的 48 个月。", "岁"),
    ({**EMPTY_FACTS, "participants": {"n_enrolled": 19, "age": {
        "median": 13, "min": 3, "max": 48, "sd": None, "unit": "months"}}}, "lay_en",
     "The youngest was 3 months old and the oldest was 48 months old.", "years"),
    ({**EMPTY_FACTS, "participants": {"n_enrolled": 19, "age": {
        "median": 13, "min": 3, "max": 48, "sd": None, "unit": "months"}}}, "technical_zh",
     "- 年龄：中位数 13 个月（范围 3–48）", "岁"),
    # WMT doc26: a narrative review that also presents a case pools no people
    ({**EMPTY_FACTS, "design": {**EMPTY_FACTS["design"], "study_type": "narrative review"},
      "participants": {"n_enrolled": 1}}, "lay_en", "It was a review", "were studied in them"),
    ({**EMPTY_FACTS, "design": {**EMPTY_FACTS["design"], "study_type": "narrative review"},
      "participants": {"n_enrolled": 1}}, "lay_zh", "综述", "共涉及"),
    # WMT doc18: 18 patients in a row are a case series, not a report on one or a few
    ({**EMPTY_FACTS, "design": {**EMPTY_FACTS["design"], "study_type": "case series"},
      "participants": {"n_enrolled": 18}}, "lay_zh", "这是一份病例系列", "一名或几名"),
    ({**EMPTY_FACTS, "design": {**EMPTY_FACTS["design"], "study_type": "case series"},
      "participants": {"n_enrolled": 18}}, "lay_en", "It was a case series", "It was a report on"),
    # WMT doc30: a trial in dogs speaks of dogs
    ({**EMPTY_TRIAL, "participants": {"n_enrolled": 10, "unit": "dogs",
                                      "condition": "canine atopic dermatitis"},
      "interventions": [{"name": "a spray"}]}, "lay_en",
     "in dogs with canine atopic dermatitis", "side effects did people"),
])
def test_what_a_summary_says_fits_the_facts_units(tmp_path, facts, kind, expected, absent):
    write_summaries({"study_id": "U1", "facts": facts}, tmp_path)
    text = (tmp_path / "studies/U1" / f"{kind}.md").read_text("utf-8")
    assert expected in text and absent not in text


def test_html_escapes_fact_text(tmp_path):
    study = {"study_id": "X5", "facts": {"participants": {"condition": "<script>x</script>"}}}
    write_summaries(study, tmp_path)
    html = (tmp_path / "studies/X5/lay_en.html").read_text("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_template_dir_overrides_by_name(tmp_path, load_study):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "lay_en.md.j2").write_text("Only {{ n_enrolled }} here.\n", "utf-8")
    write_summaries(load_study("seed_NCT03171194"), tmp_path / "o", tmp_path / "t")
    assert (tmp_path / "o/studies/NCT03171194/lay_en.md").read_text("utf-8") == "Only 6 here.\n"
    assert "# A plain-language" in (tmp_path / "o/studies/NCT03171194/lay_zh.md").read_text(
        "utf-8").replace("# 研究", "# A plain-language")


def test_override_writing_an_invented_number_is_refused(tmp_path, load_study):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "lay_en.md.j2").write_text("{{ n_enrolled }} of 7 people.\n", "utf-8")
    with pytest.raises(TemplateError) as ex:
        write_summaries(load_study("seed_NCT03171194"), tmp_path / "o", tmp_path / "t")
    assert str(ex.value) == ("template lay_en.md.j2 wrote numbers that are not facts of study "
                             "NCT03171194: '7' (line 1); write numbers only from facts")


def test_unknown_template_name_is_an_error():
    from summarizer.summarize.render import render

    with pytest.raises(UnknownName) as ex:
        render("lay_fr.md.j2", {})
    assert str(ex.value).startswith("unknown template 'lay_fr.md.j2'; known: ")
    assert "lay_en.md.j2, lay_zh.md.j2, overview.md.j2, page.html.j2" in str(ex.value)


def test_a_misspelt_override_is_an_error(tmp_path, load_study):
    (tmp_path / "lay-en.md.j2").write_text("x\n", "utf-8")
    with pytest.raises(UnknownName) as ex:
        write_summaries(load_study("seed_NCT03171194"), tmp_path / "o", tmp_path)
    assert str(ex.value).startswith("unknown template 'lay-en.md.j2'; known: ")


def test_chinese_summary_words_facts_in_the_records_own_chinese(tmp_path, load_study):
    study = load_study("seed_NCT03171194")
    study["facts"]["wording"] = {
        "participants.condition": {"en": "SLE", "zh": "难治性系统性红斑狼疮"},
        "interventions[0].name": {"en": "umbilical cord mesenchymal stromal cells",
                                  "zh": "脐带间充质干细胞"}}
    written = write_summaries(study, tmp_path)
    lay_zh = (tmp_path / written["lay_zh"]).read_text("utf-8")
    assert "他们患有难治性系统性红斑狼疮" in lay_zh
    assert "他们接受了脐带间充质干细胞" in lay_zh


def long_table(rows: int, rule: str = "|---|:-:|") -> str:
    return "\n".join(["| Study | n |", rule, *(f"| s{i} \\| `x` | {i} |" for i in range(rows))])


@pytest.mark.parametrize(("markdown", "long_tables"), [
    (long_table(render.TABLE_ROWS), 0),
    (long_table(render.TABLE_ROWS + 1) + "\n", 1),
    (f"# Overview\n\n3 studies\n\n{long_table(2 * render.TABLE_ROWS + 3)}\n\n## 中文\n\n"
     f"{long_table(render.TABLE_ROWS * 3, '| --- | ---: |')}\n\nafter *this*\n", 2),
    (f"- a list\n- of two\n\n{long_table(render.TABLE_ROWS + 7)}\n", 1),
])
def test_a_long_table_is_converted_in_blocks_to_the_same_html(markdown, long_tables):
    parts = list(render.split_long_tables(markdown))
    assert sum(isinstance(part, tuple) for part in parts) == long_tables
    assert render.markdown_to_html(markdown) == render.markdown_parser().render(markdown)
