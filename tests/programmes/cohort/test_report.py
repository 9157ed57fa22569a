"""The printable PDF report: the page's figures and charts, read back from the PDF."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def one_busy_firm(join, cohort_of_twelve):
    """A thirteenth firm with 37 ended alliances in finance: a figure resting on one firm, never to be shown."""
    return join("Busy firm", alliances=[("ended", "bank", False)] * 37)


def test_the_report_never_shows_a_suppressed_value(mona_client, one_busy_firm):
    response = mona_client.get("/programme/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store" and "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "13 member firms share data with the programme." in text
    assert not re.search(r"\b37\b", text)  # the busy firm's 37 ended alliances, nowhere
    assert "Ended fewer than 5 firms" in text and "fewer than 5 firms" in text
    assert "no data" in text
    assert "Busy firm" not in text and "Active firm 1" not in text


def test_the_report_carries_the_pages_figures(mona_client, cohort_of_twelve):
    text = pdf_text(mona_client.get("/programme/report.pdf").content)
    page = mona_client.get("/programme/").content.decode()
    assert "Prospect 5" in text and "Negotiating fewer than 5 firms" in text and "Active fewer than 5 firms" in text
    assert "Only 2% of firms on BC-Net and BRE" in text and "Technopolis" in text
    for title in ("From member to active alliance", "Where the programme could help most", "Alliances by lifecycle stage",
                  "Verdicts", "The 5A barriers across the cohort", "MNC motives firms can credibly appeal to",
                  "Engagement strategies in place and missing", "Networking types", "Open early-warning signals",
                  "Alliances by sector, beside the OECD's count", "Named alliances"):
        assert title in text and title.replace("'", "&#x27;") in page, title


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_it_renders_to_images_to_look_at(mona_client, one_busy_firm):
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("cohort-report-*.png"):
        old.unlink()
    pdf = ARTIFACTS / "cohort-report.pdf"
    pdf.write_bytes(mona_client.get("/programme/report.pdf").content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "cohort-report")], check=True)
    assert (ARTIFACTS / "cohort-report-1.png").stat().st_size > 10_000
