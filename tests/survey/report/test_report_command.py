"""`ascolto report` writes the management report as self-contained HTML or as PDF."""

from __future__ import annotations

import io
import re
import sys

import pytest
from markupsafe import escape
from pypdf import PdfReader

from analysis.report.render_pdf import DEBIAN_PACKAGES
from analysis.report.words_en import WORDS as ENGLISH
from analysis.report.words_it import WORDS as ITALIAN
from tests.survey.report.helpers import case, emergency, office

SECTIONS = (
    "headline",
    "satisfaction",
    "path",
    "factors",
    "time",
    "emergency",
    "respondents",
    "family",
    "comments",
    "methods",
)
ATTACK = "<script>alert('x')</script>"


@pytest.fixture
async def period(client, settings):
    """Twelve cases in May and June 2012: nine by phone, three by email; eleven answered."""
    await emergency(client)
    back = await office(client)
    for number in range(12):
        by_phone = number < 9
        await case(
            client,
            settings,
            opened=f"2012-05-{10 + number:02d}T10:00:00+02:00",
            closed=f"2012-05-{12 + number:02d}T10:00:00+02:00",
            office=None if number % 4 else back,
            channel="phone" if by_phone else "email",
            topic=ATTACK if number == 0 else "volontariato",
            answers=None
            if number == 11
            else {
                "satisfaction": 1 + number % 5,
                "resolved": "yes" if number % 2 else "no",
                "comment": ATTACK if number == 3 else "Tutto bene",
            },
        )


async def test_html_has_every_section_the_numbers_and_inline_svg(cli, period, tmp_path):
    out = tmp_path / "report.html"
    result = await cli("report", "--from", "2012-05-01", "--to", "2012-07-01", "--out", out)
    assert result.exit_code == 0, result.output
    assert "12 cases, 11 answers" in result.output
    html = out.read_text(encoding="utf-8")
    for key in SECTIONS:
        assert f"<h2>{escape(ITALIAN[key])}</h2>" in html
    assert '<html lang="it">' in html
    assert "75,0 %" in html and "25,0 %" in html  # channel shares: 9 and 3 of 12
    assert html.count("<svg") >= 4  # trend, Front vs Back, time to close, response rates
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html  # comment and topic
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no external assets


async def test_english_report(cli, period, tmp_path):
    out = tmp_path / "report.html"
    result = await cli(
        "report", "--from", "2012-05-01", "--to", "2012-07-01", "--out", out, "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert all(f"<h2>{escape(ENGLISH[key])}</h2>" in html for key in SECTIONS)
    assert "75.0 %" in html and "Toll-free number" in html


async def test_pdf_is_the_tagged_report_with_every_section(cli, period, tmp_path):
    out = tmp_path / "report.pdf"
    result = await cli("report", "--from", "2012-05-01", "--to", "2012-07-01", "--out", out)
    assert result.exit_code == 0, result.output
    pdf = PdfReader(io.BytesIO(out.read_bytes()))
    assert pdf.metadata.title == ITALIAN["title"]
    assert pdf.trailer["/Root"]["/StructTreeRoot"] and pdf.trailer["/Root"]["/Lang"] == "it"
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert all(ITALIAN[key] in text for key in SECTIONS)
    assert f"{ITALIAN['page']} 1 {ITALIAN['page_of']} {len(pdf.pages)}" in text


class _NoPango:
    """An import finder that fails to load WeasyPrint the way it does without Pango."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': no such file")
        return None


@pytest.mark.parametrize("missing", ["weasyprint", "pango"])
async def test_without_the_pdf_library_the_pdf_stops_in_one_line_and_the_html_works(
    cli, period, tmp_path, monkeypatch, missing
):
    if missing == "weasyprint":
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # not installed
        named = "pip install weasyprint"
    else:
        monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
        monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
        named = f"apt-get install {DEBIAN_PACKAGES}"
    pdf = tmp_path / "report.pdf"
    result = await cli("report", "--from", "2012-05-01", "--to", "2012-07-01", "--out", pdf)
    assert result.exit_code == 1 and not pdf.exists()
    assert result.output.count("\n") == 1 and named in result.output, result.output
    html = tmp_path / "report.html"
    result = await cli("report", "--from", "2012-05-01", "--to", "2012-07-01", "--out", html)
    assert result.exit_code == 0 and html.read_text(encoding="utf-8").startswith("<!doctype")


async def test_an_empty_period_says_so(cli, period, tmp_path):
    out = tmp_path / "empty.html"
    result = await cli("report", "--from", "2013-01-01", "--to", "2013-02-01", "--out", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert escape(ITALIAN["empty"]) in html and "<svg" not in html
    pdf = tmp_path / "empty.pdf"
    result = await cli("report", "--from", "2013-01-01", "--to", "2013-02-01", "--out", pdf)
    assert result.exit_code == 0, result.output
    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert " ".join(ITALIAN["empty"].split()[:4]) in " ".join(text.split())


async def test_a_period_that_ends_before_it_starts_is_refused(cli, tmp_path):
    out = tmp_path / "report.html"
    result = await cli("report", "--from", "2012-07-01", "--to", "2012-05-01", "--out", out)
    assert result.exit_code == 1
    assert "--to must be after --from" in result.output and not out.exists()
