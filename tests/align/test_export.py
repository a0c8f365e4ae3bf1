"""Exports of a hand-built alignment: TSV, TMX, XLIFF (read back with translate-toolkit), and
the HTML report opened in headless Chromium."""

import csv
import io
import json
import shutil
import subprocess

import pytest

from summarizer.align import write_alignment
from summarizer.align.export import render_alignment
from summarizer.errors import UnknownFormat
from summarizer.schema import Alignment, Bead, Flag, Sentence

ALIGNMENT = Alignment(
    id="doc1",
    en=[Sentence("Of six patients, five (83.3%) responded.", "en", 0, 41),
        Sentence("Adverse events were minimal.", "en", 42, 70),
        Sentence("Funded by <script>alert(1)</script> & co.", "en", 71, 113)],
    zh=[Sentence("6 名患者中有 5 名（83%）应答。", "zh", 114, 133),
        Sentence("不良事件很少。", "zh", 134, 141)],
    beads=[Bead([0], [0], 0.62, [Flag("number-mismatch", "numbers differ: 83.3% vs 83%",
                                      {"en_only": ["83.3%"], "zh_only": ["83%"]})]),
           Bead([1], [1], 0.97),
           Bead([2], [], 0.2, [Flag("omission", "English sentence has no Chinese counterpart")])],
    signature="summarizer:0.1.0|aligner:align.e5-margin.v1",
)


def test_jsonl_round_trips_beads():
    line = json.loads(render_alignment([ALIGNMENT], "jsonl"))
    assert [(b["en"], b["zh"], b["score"]) for b in line["beads"]] == [
        ([0], [0], 0.62), ([1], [1], 0.97), ([2], [], 0.2)]
    assert line["beads"][0]["flags"][0]["evidence"] == {"en_only": ["83.3%"], "zh_only": ["83%"]}


def test_tsv_has_one_row_per_bead():
    rows = list(csv.reader(io.StringIO(render_alignment([ALIGNMENT], "tsv").decode()),
                           delimiter="\t"))
    assert rows[0] == ["id", "bead", "en_ids", "zh_ids", "score", "en", "zh", "flags"]
    assert rows[1][2:5] == ["0", "0", "0.620"]
    assert rows[3][3] == "" and rows[3][7].startswith("omission")


def test_tmx_holds_the_pairs(tmp_path):
    from translate.storage import tmx

    path = tmp_path / "a.tmx"
    write_alignment(ALIGNMENT, path, "tmx")
    store = tmx.tmxfile.parsefile(str(path))
    assert [(u.source, u.target) for u in store.units] == [
        (ALIGNMENT.en[0].text, ALIGNMENT.zh[0].text), (ALIGNMENT.en[1].text, ALIGNMENT.zh[1].text)]


def test_xliff_carries_flags_as_notes(tmp_path):
    from translate.storage import xliff

    path = tmp_path / "a.xlf"
    write_alignment(ALIGNMENT, path, "xliff")
    units = xliff.xlifffile.parsefile(str(path)).units
    assert [u.xmlelement.get("id") for u in units] == ["doc1:0", "doc1:1", "doc1:2"]
    assert "number-mismatch: numbers differ: 83.3% vs 83%" in units[0].getnotes()
    assert "confidence 0.970" in units[1].getnotes()


def test_unknown_format_is_an_error():
    with pytest.raises(UnknownFormat) as err:
        render_alignment([ALIGNMENT], "docx")
    assert str(err.value) == "unknown format 'docx'; use --format jsonl|tsv|tmx|xliff|html"


def test_html_report_in_headless_chromium(tmp_path):
    # The README's test command installs Debian's chromium; without it this test fails.
    assert shutil.which("chromium"), "install chromium (apt-get install chromium)"
    page = tmp_path / "report.html"
    write_alignment(ALIGNMENT, page, "html")
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         page.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    assert dom.count('<tr class="bead ') == 3
    assert '<tr class="bead medium" data-en="0" data-zh="0">' in dom
    assert '<tr class="bead low" data-en="2" data-zh="">' in dom
    assert '<li class="flag number-mismatch">' in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co." in dom
    assert "<script>" not in dom
