"""A PDF of several pages imports as the article's running text: no running header, footer or page
number, and a paragraph cut by a page break is one paragraph again."""

from __future__ import annotations

import io
from pathlib import Path

from explorer.core.extraction import extract
from explorer.core.pdf_pages import drop_running_lines, join_pages

HEADER = "Regional Policy Institute - Policy Brief 7/2024"
TOPICS = ["rail links", "power lines", "customs posts", "gas transit", "road repairs", "border markers",
          "water sharing", "mobile roaming", "visa rules", "freight tariffs", "air routes", "grain trade",
          "fibre cables", "tourism data", "bus services", "postal links", "pipeline safety", "wine exports"]
PARAGRAPHS = [f"On {topic}, the Armenian and Georgian delegations compared their plans in detail, and the "
              f"officials of both governments described the talks on {topic} as constructive, practical and "
              f"open, with a follow-up meeting on {topic} planned for the autumn in Tbilisi." for topic in TOPICS]


def brief_pdf() -> bytes:
    from fpdf import FPDF

    class Brief(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", "I", 8)
            self.cell(0, 8, HEADER, align="R")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", "I", 8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Brief()
    pdf.set_title("Transit brief")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for para in PARAGRAPHS:
        pdf.multi_cell(0, 6, para)
        pdf.ln(4)
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


def test_running_lines_go_and_the_text_stays() -> None:
    pages = ["Brief 7/2024\n\nFirst paragraph of the text, quite long as sentences go in a report.\n\nPage 1",
             "Brief 7/2024\n\nThe second page: its own words.\nand more of them\n\n- 2 -",
             "Brief 7/2024\n\nThe third page ends the text.\n\n3 of 3"]
    kept = drop_running_lines(pages)
    assert [p.split("\n") for p in kept] == [
        ["", "", "First paragraph of the text, quite long as sentences go in a report.", "", ""],
        ["", "", "The second page: its own words.", "and more of them", "", ""],
        ["", "", "The third page ends the text.", "", ""]]
    once = drop_running_lines(["A title of this one page\n\nIts body.", "Another first line\n\nIts body."])
    assert once[0].startswith("A title") and once[1].startswith("Another")


def test_a_paragraph_cut_by_a_page_break_is_joined() -> None:
    assert join_pages([["One.", "Two goes on and"], ["on to the next page.", "Three."]]) == [
        "One.", "Two goes on and on to the next page.", "Three."]
    assert join_pages([["A hyphen- ated word across pages is one word: exam-"], ["ple."]]) == [
        "A hyphen- ated word across pages is one word: example."]
    assert join_pages([["Ends here."], ["lower-case start after a full stop stays apart."]]) == [
        "Ends here.", "lower-case start after a full stop stays apart."]


def test_a_pdf_of_several_pages_imports_as_running_text(tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(brief_pdf())
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(path.read_bytes())).pages) >= 2
    article = extract(path)
    assert "Policy Brief" not in article.text and "Page " not in article.text
    assert article.text.split("\n\n") == [*PARAGRAPHS[:-1], PARAGRAPHS[-1] + "\n"]
