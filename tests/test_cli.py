"""End to end: the CLI on the bundled corpus and on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli import cli
from summarizer.ingest.decode import decode_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ["000_16ae2d7e48774522.txt", "001_894cbafbeb554ae1.txt", "002_f8c650c7f340d3d5.txt",
         "003_94b9659409077edb.txt", "004_160dd4034d8eb871.txt"]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["run", str(CORPUS), "--out", str(out), "--quiet"])
    studies = [json.loads(line) for line in (out / "studies.jsonl").read_text().splitlines()]
    report = json.loads((out / "report.json").read_text())
    return result, out, studies, report


def seed_study(studies, seed):
    (study,) = [s for s in studies if seed in s["sources"]]
    return study


@pytest.mark.slow
def test_corpus_runs_clean(corpus_run):
    result, _, _, report = corpus_run
    assert result.exit_code == 0, result.output
    assert report["counts"]["quarantined"] == 0
    files = {f["source"] for f in report["files"]}
    expected = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()}
    assert files == expected


@pytest.mark.slow
def test_seeds_group_into_three_studies(corpus_run):
    _, _, studies, _ = corpus_run
    seed_studies = [s for s in studies if set(s["sources"]) & set(SEEDS)]
    assert sorted(s["sources"] for s in seed_studies) == [SEEDS[:2], [SEEDS[2]], [SEEDS[4]]]
    lupus = seed_study(studies, SEEDS[0])
    assert lupus["study_id"] == "NCT03171194"
    assert [link["source"] for link in lupus["links"]] == [SEEDS[3]]
    assert 0.5 <= lupus["links"][0]["confidence"] < 1
    assert seed_study(studies, SEEDS[4])["study_id"] == "NCT03562065"


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "path", "expected"), [
    # with the trained tagger's spans added, as `summarizer run` reads them
    (SEEDS[0], ("participants", "n_enrolled"), 6),
    (SEEDS[0], ("comparator",), None),
    (SEEDS[0], ("design", "phase"), "1"),
    (SEEDS[4], ("participants", "n_enrolled"), 8),
    (SEEDS[4], ("comparator",), None),
    (SEEDS[2], ("participants", "n_enrolled"), 40),
])
def test_seed_facts_in_studies_jsonl(corpus_run, seed, path, expected):
    value = seed_study(corpus_run[2], seed)["facts"]
    for key in path:
        value = value[key]
    assert value == expected


@pytest.mark.slow
def test_every_record_is_accounted_for(corpus_run):
    _, _, studies, report = corpus_run
    in_studies = {r["id"] for s in studies for r in s["records"]}
    linked = {r["id"] for r in report["records"] if r.get("linked_to")}
    ok = {r["id"] for r in report["records"] if r["status"] == "ok"}
    assert ok == in_studies | linked


@pytest.mark.slow
def test_study_lines_follow_the_contract(corpus_run):
    _, out, studies, _ = corpus_run
    keys = {"study_id", "sources", "links", "identifiers", "title", "facts", "provenance",
            "warnings", "summaries"}
    for study in studies:
        assert keys <= set(study)
        for path in study["summaries"].values():
            assert (out / path).is_file()
    kinds = {w["kind"] for w in seed_study(studies, SEEDS[1])["warnings"]}
    assert "lost-exponent" in kinds


@pytest.mark.slow
def test_warnings_and_provenance_point_into_the_source_files(corpus_run):
    _, _, studies, _ = corpus_run
    placed = 0
    for study in studies:
        for warning in study["warnings"]:
            if warning.get("start") is not None:
                text = source_text(warning["source"])
                assert text[warning["start"]:warning["end"]] == warning["text"]
                placed += 1
        for spans in study["provenance"].values():
            for span in spans:
                assert source_text(span["source"])[span["start"]:span["end"]].strip()
    assert placed > 10


def source_text(source):
    return decode_bytes((CORPUS / source).read_bytes(), source)[0]


BAD_INPUTS = [
    ("empty.txt", b"", "empty.txt: empty file"),
    ("blob.bin", bytes(range(256)) * 4, "blob.bin: "),
]


@pytest.mark.parametrize("name, content, message", BAD_INPUTS)
def test_bad_input_is_quarantined_and_the_batch_goes_on(tmp_path, name, content, message):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / name).write_bytes(content)
    (inputs / "good.txt").write_text(
        "Forty patients with lupus received umbilical cord stem cells on days 0 and 7. "
        "Thirteen reached a major clinical response.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(inputs), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    report = json.loads((out / "report.json").read_text())
    assert report["counts"]["quarantined"] == 1
    assert report["quarantined"][0]["reason"].startswith(message)
    assert message in result.output
    assert "Traceback" not in result.output
    assert (out / "quarantine.jsonl").read_text().count("\n") == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["ingest", "corpus", "--format", "xyz"], "Invalid value for '--format'"),
        (["run", "no-such-dir", "--out", "x"], "does not exist"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output


def test_library_error_is_one_line_and_exits_2(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "empty"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (f"Error: {(tmp_path / 'empty').as_posix()}: no input files "
                             "(hidden files are skipped)\n")


def test_help_imports_nothing_heavy():
    code = ("import sys; from summarizer.cli import cli; "
            "heavy = {'torch', 'transformers', 'jieba', 'lxml', 'numpy'} & set(sys.modules); "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_stages_run_alone_on_their_own_output(tmp_path, corpus_run):
    _, _, run_studies, _ = corpus_run
    runner = CliRunner()
    records, studies = tmp_path / "records.jsonl", tmp_path / "studies.jsonl"
    assert runner.invoke(cli, ["ingest", str(CORPUS), "-o", str(records), "--quiet"]).exit_code == 0
    result = runner.invoke(cli, ["extract-facts", str(records), "-o", str(studies), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in studies.read_text().splitlines()]
    assert [s["facts"] for s in lines] == [s["facts"] for s in run_studies]
    assert {s["schema_version"] for s in lines} == {2}
    result = runner.invoke(cli, ["summarize", str(studies), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out/studies/NCT03171194/lay_en.md").is_file()


def test_summarize_accounts_for_bad_lines(tmp_path):
    studies = tmp_path / "studies.jsonl"
    version_1 = {"study_id": "old", "title": {"en": "An older line", "zh": None},
                 "facts": {"design": {"phase": "1", "tags": []},
                           "participants": {"n_enrolled": 6}}}
    studies.write_text("not json\n" + json.dumps(version_1) + "\n"
                       + json.dumps({"study_id": "x", "facts": {"design": {"kind": 1}}}) + "\n")
    result = CliRunner().invoke(cli, ["summarize", str(studies), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert [e.split(",")[1].split(":")[0].strip() for e in errors] == ["line 1", "line 3"]
    assert "1 studies summarized, 2 not" in result.output
    assert "Traceback" not in result.output
