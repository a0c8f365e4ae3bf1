"""Faithfulness: numbers read from text, supported by facts, and the check-summary command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from summarizer.cli import cli
from summarizer.errors import InputError
from summarizer.summarize import check_summary, write_summaries
from summarizer.summarize.numbers import find_numbers


@pytest.mark.parametrize("text, values", [
    ("5 of the 6 people (83%)", [5, 6, 83]),
    ("83.3%; 95% CI 35.9% to 99.6%", [83.3, 95, 35.9, 99.6]),
    ("1×10⁶ cells/kg and 2 x 10^6 cells", [1e6, 2e6]),
    ("2 million or 4 million cells", [2e6, 4e6]),
    ("每公斤 100 万个细胞", [1e6]),
    ("median 35 years (range 26–57)", [35, 26, 57]),
    ("After 12·4 months", [12.4]),
    ("1,000 people on days 0 and 7", [1000, 0, 7]),
    ("SRI-4 at 20 weeks; 1×106 MSCs/kg", [4, 20, 1e6]),
    ("3 to 5 million cases; 29万~65万", [3e6, 5e6, 2.9e5, 6.5e5]),
])
def test_find_numbers(text, values):
    found = find_numbers(text)
    assert [m.value for m in found] == pytest.approx(values)
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("kind, old, new, unsupported", [
    ("lay_en", "5 of the 6 people (83%)", "7 of the 6 people (83%)", ["7"]),
    ("lay_en", "5 of the 6 people (83%)", "5 of the 6 people (84%)", ["84"]),
    ("lay_en", "5 of the 6 people (83%)", "5 of the 6 people (83.3%)", []),
    ("lay_en", "after the treatment.", "after the treatment, in 2019.", ["2019"]),
    ("lay_zh", "6 人中有 5 人（83%）", "6 人中有 5 人（90%）", ["90"]),
    ("technical_en", "5/6 (83.3%", "5/6 (88.3%", ["88.3"]),
    ("lay_en", "1 million cells", "10 million cells", ["10 million"]),
])
def test_an_edited_summary_with_an_invented_number_is_caught(
        tmp_path, load_study, kind, old, new, unsupported):
    study = load_study("seed_NCT03171194")
    path = tmp_path / write_summaries(study, tmp_path)[kind]
    assert check_summary(path, study).ok
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    assert [u["text"] for u in check_summary(path, study).unsupported] == unsupported


@pytest.mark.parametrize("kind", ["lay_en", "lay_zh", "technical_en", "technical_zh"])
@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_every_written_summary_passes_its_own_check(written, load_study, kind, suffix):
    for name, paths in written.items():
        result = check_summary(paths[kind].with_suffix(suffix), load_study(name))
        assert result.ok, (name, result.unsupported)
        assert result.numbers


def write_run(tmp_path, load_study):
    """A run folder: OUT/studies.jsonl and OUT/studies/<id>/ summaries."""
    studies = [load_study(f"seed_{s}") for s in ("NCT03171194", "study-b9d93440f1")]
    lines = [json.dumps(s | {"summaries": write_summaries(s, tmp_path)}) for s in studies]
    (tmp_path / "studies.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return tmp_path / "studies" / "study-b9d93440f1" / "lay_en.md"


def test_cli_check_summary_exit_codes(tmp_path, load_study):
    path = write_run(tmp_path, load_study)
    ok = CliRunner().invoke(cli, ["check-summary", str(path)])
    assert ok.exit_code == 0, ok.output
    path.write_text(path.read_text("utf-8").replace("37 of the 40", "38 of the 40"), "utf-8")
    bad = CliRunner().invoke(cli, ["check-summary", str(path)])
    assert bad.exit_code == 1
    line = next(n for n, t in enumerate(path.read_text("utf-8").splitlines(), 1) if "38 of" in t)
    assert f"{path}:{line}:3: unsupported number '38' (not a fact of study study-b9d93440f1 " \
           "nor computed from its facts)" in bad.output


def test_cli_check_summary_with_explicit_study_file(tmp_path, load_study):
    path = write_run(tmp_path, load_study)
    moved = tmp_path / "elsewhere" / "study-b9d93440f1" / "lay_zh.md"
    moved.parent.mkdir(parents=True)
    moved.write_text(path.with_name("lay_zh.md").read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(cli, ["check-summary", str(moved), "--study",
                                      str(tmp_path / "studies.jsonl")])
    assert result.exit_code == 0, result.output


def test_missing_studies_jsonl_says_to_pass_it(tmp_path, load_study):
    from summarizer.summarize import check_summary_file

    path = tmp_path / write_summaries(load_study("seed_NCT03171194"), tmp_path)["lay_en"]
    with pytest.raises(InputError) as ex:
        check_summary_file(path)
    assert str(ex.value) == f"{tmp_path / 'studies.jsonl'}: no studies.jsonl here; pass it " \
                            "with --study FILE"
