"""Bad input becomes a Quarantined with a one-line reason naming the file (and record and
line); the rest of the batch goes on. Hostile XML is read with entities off."""

from __future__ import annotations

import json

import pytest

from summarizer.errors import UnknownFormat
from summarizer.ingest import FORMATS, ingest, read_file, read_paths
from summarizer.schema import Quarantined, Record, Skipped

FIX = "export the records as text (RIS, MEDLINE, PubMed XML, CNKI, JSON Lines)"
RIS_OK = "TY  - JOUR\nTI  - Trial {n} of cells in lupus\nAB  - Ten patients improved.\nER  - \n\n"
CHOICES = "|".join(FORMATS)
EN_ABSTRACT = ("Mesenchymal stromal cells were given to forty patients with lupus in this trial. "
               "Disease activity fell in thirty of them over twelve months, and no serious "
               "adverse events were seen during the infusions or the follow-up visits.")
ZH_ABSTRACT = ("间充质干细胞治疗系统性红斑狼疮的临床研究。共纳入四十例患者，"
               "静脉输注后疾病活动度下降，随访十二个月，三十例患者病情缓解，未见严重不良反应。")
XML_HEAD = '<?xml version="1.0"?>\n'
ARTICLE = ("<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>{title}"
           "</ArticleTitle><Abstract><AbstractText>Ten patients improved after infusion."
           "</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>\n")


def write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty.txt: empty file; nothing to read"),
    ("blank.ris", b" \n\n", "blank.ris: empty file; nothing to read"),
    ("blob.ris", b"PK\x03\x04\x00\x00zip", f"blob.ris: binary file (NUL byte at byte 4); {FIX}"),
    ("image.txt", b"\xff\xd8\xff\xe0\x10JFIF \x81\x82\x83\xfe\xfe\xfe\xfe",
     "image.txt: not text in any known encoding (tried UTF-8, UTF-16, GB18030); " + FIX),
    ("table.txt", b"id,title,year\n1,Cells,2020\n",
     "table.txt: unknown format: not a bibliographic export, JSON Lines or prose; "
     f"use --format {CHOICES}"),
    ("page.xml", b"<html><body><p>Hello</p></body></html>\n",
     "page.xml: unknown format: not a bibliographic export, JSON Lines or prose; "
     f"use --format {CHOICES}"),
    ("notes.ris", b"Ten patients with lupus received cells and all of them got better soon.\n",
     "notes.ris: no ris records found; check the file or force another --format"),
])
def test_unreadable_file_is_quarantined_with_one_line_reason(tmp_path, name, data, reason):
    fmt = "ris" if name == "notes.ris" else None
    items = read_file(write(tmp_path, name, data), fmt=fmt)
    assert items == [Quarantined(source=name, reason=reason, index=None, line=None)]


def test_truncated_ris_keeps_the_good_records(tmp_path):
    text = RIS_OK.format(n=1) + RIS_OK.format(n=2) + "TY  - JOUR\nTI  - Trial 3\nAB  - Eight pa"
    items = read_file(write(tmp_path, "cut.ris", text))
    assert [i.title["en"] for i in items[:2]] == ["Trial 1 of cells in lupus",
                                                  "Trial 2 of cells in lupus"]
    assert items[2] == Quarantined(
        "cut.ris", "cut.ris, record 3, line 11: truncated RIS record: no 'ER  -' end tag; "
        "re-export the file or close the record", 2, 11)


def test_ris_record_missing_its_end_tag_in_the_middle(tmp_path):
    text = RIS_OK.format(n=1) + "TY  - JOUR\nTI  - Lost end\n\n" + RIS_OK.format(n=3)
    items = read_file(write(tmp_path, "mid.ris", text))
    assert [type(i).__name__ for i in items] == ["Record", "Quarantined", "Record"]
    assert (items[1].index, items[1].line, items[2].index) == (1, 6, 2)


def test_cut_off_xml_keeps_the_articles_before(tmp_path):
    text = XML_HEAD + "<PubmedArticleSet>\n" + ARTICLE.format(pmid=111, title="Whole.") \
        + "<PubmedArticle><MedlineCitation><PMID>222</PMID><Article><ArticleTitle>Cut"
    items = read_file(write(tmp_path, "cut.xml", text))
    assert isinstance(items[0], Record) and items[0].pmid == "111"
    assert items[1].reason.startswith("cut.xml, record 2, line 4: malformed or cut-off XML (")
    assert items[1].reason.endswith("); re-export the file") and "\n" not in items[1].reason


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-TOKEN-42")
    return path


def test_xxe_never_reads_another_file(tmp_path, secret):
    text = (XML_HEAD + f'<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
            "<PubmedArticleSet>\n" + ARTICLE.format(pmid=1, title="Cells &xxe; in lupus")
            + "</PubmedArticleSet>\n")
    items = read_file(write(tmp_path, "xxe.xml", text))
    dumped = repr([i.to_dict() for i in items])
    assert "TOP-SECRET" not in dumped
    assert items[0].title["en"] == "Cells in lupus"


def test_billion_laughs_is_not_expanded(tmp_path):
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    text = (XML_HEAD + f"<!DOCTYPE PubmedArticleSet [{entities}]>\n<PubmedArticleSet>\n"
            + ARTICLE.format(pmid=2, title="Laughs &a9; here") + "</PubmedArticleSet>\n")
    items = read_file(write(tmp_path, "lol.xml", text))
    assert items[0].title["en"] == "Laughs here"
    assert "lollol" not in repr(items[0].to_dict())


@pytest.mark.parametrize("name, data, encoding", [
    ("gbk.txt", ZH_ABSTRACT.encode("gbk"), "gb18030"),
    ("bom.txt", ("\ufeff" + EN_ABSTRACT).encode("utf-8"), None),
    ("u16.txt", ("\ufeff" + EN_ABSTRACT).encode("utf-16-le"), "utf-16"),
])
def test_encodings_are_decoded(tmp_path, name, data, encoding):
    record = read_file(write(tmp_path, name, data))[0]
    assert record.text.lstrip("\ufeff").startswith(("间充质干细胞治疗", "Mesenchymal stromal"))
    notes = [w.message for w in record.warnings if w.kind == "encoding"]
    assert notes == ([f"decoded as {encoding}, not UTF-8"] if encoding else [])


def test_jsonl_bad_lines_are_quarantined_by_line(tmp_path):
    text = ('{"title": "Good trial of MSCs", "abstract": "Ten patients improved."}\n\n'
            '{"title": broken\n[1, 2]\n')
    items = read_file(write(tmp_path, "mixed.jsonl", text))
    assert isinstance(items[0], Record)
    assert [i.reason for i in items[1:]] == [
        "mixed.jsonl, record 2, line 3: invalid JSON (Expecting value at column 11); "
        "fix or remove the line",
        "mixed.jsonl, record 3, line 4: a JSON list where an object was expected; "
        "write one object per line"]


def test_unknown_forced_format_names_the_choices():
    with pytest.raises(UnknownFormat) as ex:
        list(read_paths([], fmt="xyz"))
    assert str(ex.value) == (
        f"unknown format 'xyz'; use --format {CHOICES}")


def test_folder_of_thousands_of_files_streams_in_sorted_order(tmp_path, capsys):
    folder = tmp_path / "batch"
    for n in range(2000):
        sub = folder / f"part{n % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{n:04d}.ris").write_text(RIS_OK.format(n=n))
    (folder / "part0" / "0000.ris").write_bytes(b"")  # one bad file
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.ris").write_text(RIS_OK.format(n=0))
    out = tmp_path / "out.jsonl"
    report = ingest([folder], output=out, progress=False)
    assert (report.n_records, report.n_quarantined) == (1999, 1)
    assert report.files[0] == {"source": "part0/0000.ris", "format": None, "records": 0,
                               "quarantined": 1, "status": "quarantined"}
    assert report.files[1]["source"] == "part0/0004.ris" and len(report.files) == 2000
    assert capsys.readouterr().err == "part0/0000.ris: empty file; nothing to read\n"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1999


def test_ingest_writes_records_to_stdout_and_errors_to_stderr(tmp_path, capsys):
    good = write(tmp_path, "one.ris", RIS_OK.format(n=1))
    missing = tmp_path / "gone.ris"
    report = ingest([good, missing])
    out, err = capsys.readouterr()
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["one.ris#0"]
    assert err == "gone.ris: cannot read the file (No such file or directory); check its path " \
        "and permissions\n"
    assert [f["status"] for f in report.files] == ["ok", "quarantined"]


@pytest.mark.parametrize("name, data, reason", [
    ("notes.txt", "Notes for the lupus review: ask Dr Li about NCT03171194 follow-up.\n",
     "12 words and 0 Chinese characters are too few for an abstract (notes?); use --format "
     "text to read it anyway"),
    ("README.md", "# Exports\n\n```\npip install summarizer\n```\n" + EN_ABSTRACT,
     "a README or manual (code blocks, commands)"),
    ("fetch.py", "import json\n\n\ndef load(path):\n    with open(path) as f:\n"
     "        return json.load(f)\n\n\nclass Export:\n    pass\n\n\nif __name__ == "
     "'__main__':\n    load('x')\n", "6 of 8 lines read as program code"),
])
def test_a_file_that_is_no_record_is_skipped_with_the_reason(tmp_path, name, data, reason):
    items = read_file(write(tmp_path, name, data))
    assert items == [Skipped(source=name, reason=f"{name}: not a bibliographic record: {reason}")]


def test_a_forced_text_format_reads_notes_anyway(tmp_path):
    path = write(tmp_path, "notes.txt", "Ask Dr Li about NCT03171194 follow-up data.\n")
    [record] = read_file(path, fmt="text")
    assert record.registrations == ["NCT03171194"]
