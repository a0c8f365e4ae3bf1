"""Fuzzed readers: every reader, fed records written in its format's real field layout and
then damaged (cut, lines deleted, duplicated or swapped, random and structural text inserted,
deep nesting, huge fields, other encodings, random bytes), raises nothing, keeps every
offset a slice of the source and accounts for every record written. The strategies and
invariants are in ``fuzzing.py``; ``benchmarks/fuzz_readers.py`` runs them for hours."""

from __future__ import annotations

import json

import pytest
from fuzzing import (
    FORMATS,
    check_items,
    file_bytes,
    mutated,
    prop_file,
    prop_mutated,
    prop_skeleton,
    read_with,
    skeleton_file,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.ingest import ingest, read_file
from summarizer.schema import Quarantined, Record

FAST = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_well_formed_records_are_each_one_item(fmt):
    @FAST
    @given(skeleton_file(fmt, max_size=20))
    def run(drawn):
        prop_skeleton(fmt, drawn)

    run()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_damaged_files_raise_nothing_and_keep_offsets(fmt):
    @FAST
    @given(mutated(skeleton_file(fmt, max_size=20).map(lambda t: t[0]), huge=5_000))
    def run(text):
        prop_mutated(fmt, text)

    run()


@FAST
@given(st.data())
def test_damaged_bytes_through_read_file(tmp_path, data):
    """Decoding, format detection and the reader together, on bytes in other encodings."""
    fmt = data.draw(st.sampled_from(sorted(FORMATS)))
    raw = data.draw(file_bytes(mutated(skeleton_file(fmt, max_size=20).map(lambda t: t[0]),
                                       huge=2_000)))
    forced = data.draw(st.sampled_from([None, fmt]))
    prop_file(raw, tmp_path, forced)


START_LINE = {"ris": "TY  - ", "wos": "PT J", "medline": "PMID- ", "endnote": "%0 ",
              "refworks": "RT ", "noteexpress": "{Reference Type}", "pubmed-xml": "<PubmedArticle>"}
# Formats whose records have end tags: any record may lose its start line and still be
# counted; in the others a record that lost it runs into the record before it, so only the
# first record is checked.
END_TAGGED = ("ris", "wos", "pubmed-xml")


@pytest.mark.parametrize("fmt", sorted(START_LINE))
def test_a_record_that_lost_its_start_line_is_counted(fmt):
    @FAST
    @given(skeleton_file(fmt, max_size=12), st.integers(0, 3))
    def run(drawn, which):
        text, n = drawn
        lines = text.split("\n")
        at = [i for i, line in enumerate(lines)
              if line.lstrip("\ufeff").startswith(START_LINE[fmt])]
        k = which % len(at) if fmt in END_TAGGED else 0
        if fmt == "pubmed-xml":
            lines[at[k]] = lines[at[k]].replace("<PubmedArticle>", "<PubmedArtcle>", 1)
        else:
            del lines[at[k]]
        damaged = "\n".join(lines)
        items = read_with(fmt, damaged, "cut.txt")
        check_items(items, damaged, fmt, "cut.txt")
        assert len(items) == n, (len(items), n)
        assert any(isinstance(i, Quarantined) for i in items)

    run()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_records_written_by_ingest_read_back_the_same(fmt):
    """Every Record a reader gives, written as ``summarizer ingest`` writes it, is read back
    by the JSON Lines reader unchanged (and not quarantined as a broken Record)."""
    @FAST
    @given(skeleton_file(fmt, max_size=12))
    def run(drawn):
        records = [i for i in read_with(fmt, drawn[0], "a.txt") if isinstance(i, Record)]
        lines = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)
        assert read_with("jsonl", lines, "records.jsonl") == records

    run()


# -- what the long fuzz run found (each fixed in the readers) -------------------------------

def test_numbers_of_huge_exponents_do_not_overflow():
    from summarizer.text.numbers import find_numbers

    assert [n.text for n in find_numbers("10**1000000 and 2 x 10^6")] == [
        "10", "1000000", "2 x 10^6"]


def test_ris_records_after_a_byte_order_mark_are_read():
    record = "TY  - JOUR\nTI  - Trial {n}\nER  - \n"
    text = "\ufeff" + record.format(n=1) + "\ufeff" + record.format(n=2)
    items = read_with("ris", text, "joined.ris")
    assert [i.title["en"] for i in items] == ["Trial 1", "Trial 2"]
    check_items(items, text, "ris", "joined.ris")


def test_concatenated_files_keep_every_record(tmp_path):
    part = "\ufeffTY  - JOUR\nTI  - Trial\nER  - \n".encode()
    path = tmp_path / "joined.ris"
    path.write_bytes(part + part + part)
    assert [type(i) for i in read_file(path)] == [Record] * 3


def test_ris_tags_without_their_start_tag_are_quarantined():
    text = ("TY  - JOUR\nTI  - One\nER  - \n\nJO  - JOUR\nTI  - Two lost its TY\nER  - \n\n"
            "TY  - JOUR\nTI  - Three\nER  - \nN1  - stray note\n")
    items = read_with("ris", text, "a.ris")
    assert [type(i) for i in items] == [Record, Quarantined, Record, Quarantined]
    assert items[1].reason == ("a.ris, record 2, line 5: RIS tags outside any record: no "
                               "'TY  - ' start tag before them; re-export the file or add the "
                               "start tag")
    assert (items[3].index, items[3].line) == (3, 12)


def test_pubmed_xml_articles_after_a_bad_one_are_read():
    article = ("<PubmedArticle><MedlineCitation><PMID>{n}</PMID><Article><ArticleTitle>T{n}"
               "{bad}</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n")
    text = ("<PubmedArticleSet>\n" + article.format(n=1, bad="") + article.format(n=2, bad="\x1b")
            + article.format(n=3, bad="") + "<PubmedArticle><MedlineCitation><PMID>4")
    items = read_with("pubmed-xml", text, "a.xml")
    assert [type(i) for i in items] == [Record, Quarantined, Record, Quarantined]
    assert items[2].pmid == "3" and items[2].title["en"] == "T3"
    assert items[1].reason.startswith("a.xml, record 2, line 3: malformed or cut-off XML (")
    assert items[3].line == 5
    check_items(items, text, "pubmed-xml", "a.xml")


def test_jsonl_abstract_in_another_language_is_warned_not_mislabelled():
    text = '{"title": "Cells", "abstract": {"en": "Six women.", "fr": "Six femmes."}}\n'
    [record] = read_with("jsonl", text, "a.jsonl")
    assert [(s.lang, s.text) for s in record.abstract] == [("en", "Six women.")]
    assert [w.message for w in record.warnings if w.kind == "parse"] == [
        "abstract under 'fr' not read: only 'en' and 'zh' are"]


def test_jsonl_abstract_with_escaped_line_breaks_is_placed_line_by_line():
    # a JSON string writes a paragraph break as "\n": the value is not verbatim in the line
    text = ('{"title": "T", "abstract": "OBJECTIVE To test X.\\nMETHODS Six women took '
            'part.\\n\\nRESULTS Five responded."}\n')
    [record] = read_with("jsonl", text, "a.jsonl")
    assert [(s.label, s.text) for s in record.abstract] == [
        ("objective", "To test X."), ("methods", "Six women took part."),
        ("results", "Five responded.")]
    assert all(record.text[s.start:s.end] == s.text for s in record.abstract)
    assert not [w for w in record.warnings if w.kind == "unplaced"]


@settings(max_examples=5, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(sorted(FORMATS)).flatmap(lambda fmt: st.tuples(
    st.just(fmt), st.lists(skeleton_file(fmt, max_size=10), min_size=1, max_size=4))))
def test_ingest_accounts_for_every_record_written(tmp_path_factory, drawn):
    """Through ``ingest`` and its report: each file is listed once, and a file of ``n``
    records gives ``n`` records read + quarantined (or is refused whole: binary, say)."""
    fmt, files = drawn
    folder = tmp_path_factory.mktemp("in")
    for n, (text, _) in enumerate(files):
        (folder / f"{n:02d}.{fmt}").write_text(text, encoding="utf-8")
    out = folder.parent / f"{folder.name}.jsonl"
    report = ingest([folder], out, fmt)
    assert [f["source"] for f in report.files] == [f"{n:02d}.{fmt}" for n in range(len(files))]
    assert report.n_records == len(out.read_text(encoding="utf-8").splitlines())
    whole = {q.source for q in report.quarantined if q.index is None}
    for entry, (_, count) in zip(report.files, files, strict=True):
        if entry["source"] in whole:
            assert (entry["records"], entry["quarantined"]) == (0, 1), entry
        elif FORMATS[fmt].counted:
            assert entry["records"] + entry["quarantined"] == count, (entry, fmt)
        else:
            assert (entry["records"], entry["quarantined"]) == (1, 0), entry


@pytest.mark.parametrize("line, problem", [
    ('{"id": 1, "source": "s", "format": "ris", "index": 0, "text": "abc"}', "id is not a string"),
    ('{"id": "a", "source": "s", "format": "ris", "index": 0, "text": "abc", "abstract": '
     '[{"label": "other", "lang": "en", "text": "zzz", "start": 0, "end": 3}]}',
     "abstract section 1 is not the record text at its offsets"),
    ('{"id": "a", "source": "s", "format": "ris", "index": 0, "text": "abc", "abstract": '
     '[{"label": "other", "lang": "fr", "text": "abc", "start": 0, "end": 3}]}',
     "abstract section 1 is in 'fr', not 'en' or 'zh'"),
    ('{"id": "a", "source": "s", "format": "ris", "index": 0, "text": "abc", "warnings": '
     '[{"kind": "mojibake", "start": 2, "end": 9, "text": "c"}]}',
     "warning 1 has offsets outside the record text"),
])
def test_a_broken_record_line_is_quarantined(line, problem):
    [item] = read_with("jsonl", line + "\n", "r.jsonl")
    assert item == Quarantined("r.jsonl", f"r.jsonl, record 1, line 1: not a summarizer Record "
                               f"({problem}); re-create it with summarizer ingest", 0, 1)


def test_a_record_line_without_normalized_text_gets_it():
    line = '{"id": "a", "source": "s", "format": "text", "index": 0, "text": "ＡＢ 12"}'
    [record] = read_with("jsonl", line, "r.jsonl")
    assert record.normalized == "AB 12"


@pytest.mark.parametrize("fmt, text, line", [
    ("wos", "FN Web of Science\nVR 1.0\nPT J\nTI One\nER\n\nTI Two lost PT J\nAB Text.\nER\n\n"
            "PT J\nTI Three\nER\nEF\n", 7),
    ("endnote", "%A Doe\n%T First lost its %0\n\n%0 Journal Article\n%T Second\n", 1),
    ("noteexpress", "{Title}: 第一条\n\n{Reference Type}: Journal Article\n{Title}: 第二条\n", 1),
])
def test_tagged_fields_outside_any_record_are_quarantined(fmt, text, line):
    items = read_with(fmt, text, "x.txt")
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert len(bad) == 1 and bad[0].line == line and "tags outside any record" in bad[0].reason
    assert len(items) == text.count("TI ") if fmt == "wos" else len(items) == 2
    check_items(items, text, fmt, "x.txt")


@pytest.mark.parametrize("fmt, text, line", [
    # formats without end tags: the record that lost its start line ran into the one before
    ("endnote", "%0 Journal Article\n%T First\n%X One.\n\n%A Doe\n%T Second lost its %0\n"
                "%X Two.\n\n%0 Journal Article\n%T Third\n", 5),
    ("refworks", "RT Journal Article\nT1 First\nAB One.\n\nA1 Doe\nT1 Second lost its RT\n"
                 "AB Two.\n\nRT Journal Article\nT1 Third\n", 5),
    ("noteexpress", "{Reference Type}: Journal Article\n{Title}: 第一条\n\n{Author}: 张三\n"
                    "{Title}: 第二条\n\n{Reference Type}: Journal Article\n{Title}: 第三条\n", 4),
])
def test_a_record_that_lost_its_start_line_mid_file_is_quarantined(fmt, text, line):
    items = read_with(fmt, text, "x.txt")
    assert [type(i).__name__ for i in items] == ["Record", "Quarantined", "Record"]
    assert items[1].line == line and "tags outside any record" in items[1].reason
    assert items[0].abstract_text("en") in ("One.", "")  # the lost record's text is not in it
    check_items(items, text, fmt, "x.txt")


def test_medline_fields_before_the_first_pmid_are_quarantined():
    text = "TI  - A record whose PMID line was lost\nAB  - Text.\n\nPMID- 2\nTI  - Second\n"
    items = read_with("medline", text, "m.nbib")
    assert [type(i) for i in items] == [Quarantined, Record] and items[1].index == 1
    assert items[0].reason == ("m.nbib, record 1, line 1: MEDLINE fields before the first "
                               "'PMID- ' line: a record without its PMID; re-export it from "
                               "PubMed")


def test_a_file_name_with_a_line_break_gives_a_one_line_reason(tmp_path):
    path = tmp_path / "two\nlines.ris"
    path.write_bytes(b"")
    [item] = read_file(path)
    assert item.source == "two\nlines.ris"
    assert item.reason == "two\\nlines.ris: empty file; nothing to read"


def test_a_file_name_that_is_not_utf8_is_written_with_escapes(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.ris", "wb") as out:
        out.write(b"TY  - JOUR\nTI  - Trial\nER  - \n")
    out = tmp_path / "out.jsonl"
    report = ingest([folder], out)
    assert [f["source"] for f in report.files] == ["caf\\xe9.ris"]
    assert json.loads(out.read_text(encoding="utf-8"))["source"] == "caf\\xe9.ris"


def test_thousands_of_tagged_records_are_read_in_order():
    """Record ends and stray tags are looked up by position (this was quadratic: 5,000
    EndNote records took 20 s, now 2 s)."""
    text = "".join(f"%0 Journal Article\n%T Trial {n}\n%X Six women.\n\n" for n in range(3000))
    items = read_with("endnote", text, "big.enw")
    assert [i.title["en"] for i in items[::1000]] == ["Trial 0", "Trial 1000", "Trial 2000"]
    assert items[-1].line == 4 * 2999 + 1
