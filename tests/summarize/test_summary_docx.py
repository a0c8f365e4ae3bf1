"""Word output: each summary as a .docx that reads back with its headings, text and the
appendix tracing every number to its facts and source spans."""

import re

import pytest
from docx import Document

from summarizer.summarize import write_summaries


@pytest.mark.parametrize("kind", ["lay_en", "lay_zh", "technical_en"])
def test_docx_holds_the_summary_and_where_its_numbers_come_from(tmp_path, load_study, kind):
    written = write_summaries(load_study("seed_NCT03171194"), tmp_path, docx=True)
    markdown = (tmp_path / written[kind]).read_text("utf-8")
    doc = Document(str((tmp_path / written[kind]).with_suffix(".docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:-1] == re.findall(r"(?m)^#+ (.+)$", markdown)
    assert headings[-1] in ("Where each number comes from", "每个数字的来源")
    appendix = [p.text for p in doc.paragraphs[[p.text for p in doc.paragraphs].index(
        headings[-1]) + 1:]]
    assert appendix and all(re.search(r"(?:from|来自) [a-z_]+", line) for line in appendix)
    body = "\n".join(p.text for p in doc.paragraphs)
    assert re.search(r"83(?:\.3)?%", body)


def test_no_docx_unless_asked(tmp_path, load_study):
    write_summaries(load_study("seed_NCT03171194"), tmp_path)
    assert not list(tmp_path.rglob("*.docx"))
