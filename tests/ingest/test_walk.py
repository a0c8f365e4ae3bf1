"""Every input file is read once, under a source name of its own; nothing is lost."""

import pytest

from summarizer.errors import InputError
from summarizer.ingest import read_file, read_paths
from summarizer.schema import Quarantined, Record

PROSE = ("Forty patients with active lupus were enrolled from four clinical centres. Cells were "
         "infused intravenously on days 0 and 7, and thirteen patients reached a major clinical "
         "response during 12 months of follow-up.\n")
ONE_LINE_RIS = ("TY - JOUR T1 - First trial of cells AB - Ten patients. ER - "
                "TY - JOUR T1 - Second trial of cells AB - Twenty patients. ER -\n")


def test_same_file_name_in_two_folders_gets_two_sources(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "export.txt").write_text(f"Trial {folder}. {PROSE}")
    items = list(read_paths([tmp_path / "a", tmp_path / "b"]))
    sources = [item.source for item in items]
    assert sources[0] == "export.txt"
    assert sources[1] == (tmp_path / "b" / "export.txt").as_posix()
    assert len({item.id for item in items}) == 2


def test_one_line_ris_with_two_records_splits_them(tmp_path):
    path = tmp_path / "pasted.ris"
    path.write_text(ONE_LINE_RIS)
    first, second = read_file(path)
    assert first.title["en"] == "First trial of cells"
    assert "Twenty" not in first.text
    assert second.title["en"] == "Second trial of cells"


def test_broken_link_is_quarantined_not_lost(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "ok.txt").write_text(PROSE)
    items = list(read_paths([tmp_path]))
    assert [type(i) for i in items] == [Quarantined, Record]
    assert items[0].reason.startswith("gone.txt: cannot read the file")


def test_folder_without_input_files_is_an_error(tmp_path):
    (tmp_path / ".hidden").write_text("x")
    with pytest.raises(InputError, match="no input files"):
        list(read_paths([tmp_path]))


def test_pubmed_book_article_is_quarantined_not_lost(tmp_path):
    path = tmp_path / "set.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<PubmedArticleSet>\n'
        "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Cells in lupus"
        "</ArticleTitle><Abstract><AbstractText>Forty patients were treated.</AbstractText>"
        "</Abstract></Article></MedlineCitation></PubmedArticle>\n"
        "<PubmedBookArticle><BookDocument><PMID>2</PMID></BookDocument></PubmedBookArticle>\n"
        "</PubmedArticleSet>\n")
    record, book = read_file(path)
    assert isinstance(record, Record) and record.pmid == "1"
    assert book.reason == ("set.xml, record 2, line 4: a PubmedBookArticle (book chapter) is not "
                           "read; only PubmedArticle records are")
