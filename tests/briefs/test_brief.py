import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from dancecard.briefs.services import build_brief, render_brief_html, render_brief_pdf
from dancecard.core.wording import present
from dancecard.rounds import services as rounds
from tests.browser.conftest import ARTIFACTS


def read_pdf(data: bytes) -> tuple[int, str, tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split()), (float(box.width), float(box.height))


@pytest.mark.django_db
class TestBriefPdf:
    @pytest.mark.parametrize("paper, size", [("a4", (595.3, 841.9)), ("letter", (612.0, 792.0))])
    def test_it_is_one_page_carrying_the_name_verdict_and_scores(self, assessed_alliance, paper, size):
        brief = build_brief(assessed_alliance)
        pages, text, box = read_pdf(render_brief_pdf(brief, paper))
        assert pages == 1 and box == pytest.approx(size, abs=0.5)
        result = present(assessed_alliance.current_assessment.result)
        assert assessed_alliance.name in text
        assert result["verdict"]["label"] in text
        for factor in result["factors"].values():
            assert f"{factor['score']:.0f}" in text and factor["label"] in text
        assert "Ask the partner next" in text.title() or "ASK THE PARTNER NEXT" in text

    def test_it_reports_the_teams_agreement_when_a_round_exists(self, assessed_alliance):
        round_ = rounds.open_round(assessed_alliance, "quick", ["Ann", "Bob"])
        for respondent, value in zip(round_.respondents.all(), (5, 2)):
            from dancecard.assessments.services import save_answers

            save_answers(respondent.assessment, {"quick.customer_need": value, "quick.dependence": 6 - value})
            rounds.submit(respondent)
        rounds.close_round(round_)
        assessed_alliance.refresh_from_db()
        _, text, _ = read_pdf(render_brief_pdf(build_brief(assessed_alliance)))
        assert "2 of 2 colleagues assessed independently" in text and "Agreement overall" in text

    @pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
    def test_it_renders_to_an_image_to_look_at(self, assessed_alliance):
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = ARTIFACTS / "brief-a4.pdf"
        pdf.write_bytes(render_brief_pdf(build_brief(assessed_alliance), "a4"))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(ARTIFACTS / "brief-a4")], check=True)
        assert (ARTIFACTS / "brief-a4.png").stat().st_size > 10_000


@pytest.mark.django_db
class TestBriefPages:
    def test_the_html_brief_and_the_download(self, client, assessed_alliance):
        page = client.get(f"/alliances/{assessed_alliance.pk}/brief/").content.decode()
        assert "Alliance brief" in page and "<svg" in page and "Download PDF" in page
        response = client.get(f"/alliances/{assessed_alliance.pk}/brief.pdf?paper=letter")
        assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
        assert read_pdf(response.content)[0] == 1

    def test_without_an_assessment_it_explains_instead_of_failing(self, client, make_alliance):
        alliance = make_alliance()
        response = client.get(f"/alliances/{alliance.pk}/brief.pdf", follow=True)
        assert "no completed assessment yet" in response.content.decode()

    def test_bad_paper_and_foreign_alliances_are_refused(self, client, assessed_alliance, outsider):
        assert client.get(f"/alliances/{assessed_alliance.pk}/brief.pdf?paper=a0").status_code == 400
        assert client.get(f"/alliances/{outsider['alliance'].pk}/brief/").status_code == 404
        assert client.get(f"/alliances/{outsider['alliance'].pk}/brief.pdf").status_code == 404


@pytest.mark.django_db
class TestConsortiumBrief:
    @pytest.fixture
    def consortium(self, make_alliance, make_partner):
        from dancecard.assessments.services import assess_now
        from dancecard.portfolio.models import AllianceMember
        from tests.conftest import QUICK_STRONG

        eds, motorola = make_partner("EDS"), make_partner("Motorola")
        alliance = make_alliance(name="Aberdeen RFID pilots", partners=[eds, motorola])
        AllianceMember.objects.filter(alliance=alliance, partner=eds).update(role="Lead partner")
        risky = QUICK_STRONG | {"quick.dependence": 5, "quick.ip_exposure": 5, "quick.acquisition": 4}
        about = {"EDS": assess_now(alliance, "quick", risky, respondent="Founder", partner=eds),
                 "Motorola": assess_now(alliance, "quick", QUICK_STRONG, respondent="Founder", partner=motorola)}
        assess_now(alliance, "quick", QUICK_STRONG, respondent="Founder")
        alliance.refresh_from_db()
        return alliance, about

    def test_it_shows_each_partner_band_and_the_weakest_partners_risk(self, consortium):
        from dancecard.core.wording import band_label

        alliance, about = consortium
        brief = build_brief(alliance)
        assert [row["name"] for row in brief["consortium"]["rows"]] == ["EDS", "Motorola"]
        eds_risk = about["EDS"].summary["factors"]["risk"]["score"]
        assert eds_risk > about["Motorola"].summary["factors"]["risk"]["score"]  # EDS is the weakest
        assert brief["consortium"]["weakest"] == {"name": "EDS", "risk": eds_risk}

        pages, text, _ = read_pdf(render_brief_pdf(brief, "a4"))
        assert pages == 1
        partners = text[text.index("PARTNERS"):]
        for name, assessment in about.items():
            factors = assessment.summary["factors"]
            scores = " ".join(f"{factors[key]['score']:.0f}" for key in ("market", "partner_value", "risk"))
            assert f"{name} " in partners and f"{band_label(assessment.band)} {scores}" in partners
        whole = alliance.current_assessment
        assert f"Whole alliance {band_label(whole.band)}" in partners
        assert f"Weakest partner's risk: EDS {eds_risk:.0f}" in partners

    def test_a_single_partner_alliance_has_no_partners_block(self, assessed_alliance):
        brief = build_brief(assessed_alliance)
        assert brief["consortium"] is None
        assert "Weakest partner" not in read_pdf(render_brief_pdf(brief, "a4"))[1]


@pytest.mark.django_db
def test_every_demo_brief_fits_one_page_on_a4_and_letter(workspace):
    from dancecard.briefs.services import PAPERS
    from dancecard.portfolio.demo import load_demo
    from dancecard.portfolio.models import Alliance

    load_demo(workspace)
    alliances = list(Alliance.objects.filter(workspace=workspace).order_by("pk"))
    assert len(alliances) == 5 and any(a.partners.count() > 1 for a in alliances)  # the consortium is among them
    pages = {(alliance.name, paper): read_pdf(render_brief_pdf(build_brief(alliance), paper))[0]
             for alliance in alliances for paper in PAPERS}
    assert pages == {key: 1 for key in pages}


@pytest.mark.django_db
def test_the_pdf_download_is_never_cached(client, assessed_alliance):
    response = client.get(f"/alliances/{assessed_alliance.pk}/brief.pdf")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
class TestTheRelationshipBlock:
    @pytest.fixture
    def demo(self, workspace):
        from dancecard.portfolio.demo import load_demo

        load_demo(workspace)
        return workspace

    def brief_of(self, workspace, story):
        from dancecard.portfolio.models import Alliance

        return build_brief(Alliance.objects.get(workspace=workspace, name__startswith=story))

    def test_it_gives_the_last_meeting_the_warnings_the_next_milestone_and_the_trend(self, demo):
        from dancecard.core.signal_wording import signal_words

        brief = self.brief_of(demo, "Firm B")
        r = brief["relationship"]
        assert r["days_since_met"] == 150 and r["warnings"] == 9
        assert [(c["severity"], c["count"]) for c in r["by_severity"]] == [("high", 4), ("medium", 5)]
        titles = signal_words()["signals"]
        assert r["top_warnings"] == [titles["costs_not_in_plan"]["title"], titles["decisions_without_us"]["title"]]
        assert r["milestone"].title == "Listed in the partner's regional sales catalogue"
        assert 'data-part="trend-factors"' in r["trend"]
        pages, text, _ = read_pdf(render_brief_pdf(brief, "letter"))
        assert pages == 1
        assert "(150 days ago)" in text and "4 high, 5 medium" in text and titles["costs_not_in_plan"]["title"] in text
        assert "Listed in the partner's regional sales catalogue, due" in text

    def test_an_ended_alliance_has_no_open_warnings(self, demo):
        brief = self.brief_of(demo, "HMD")
        assert brief["relationship"]["quiet"] and brief["relationship"]["warnings"] == 0
        assert "none, the alliance has ended" in read_pdf(render_brief_pdf(brief, "a4"))[1]

    def test_one_assessment_draws_no_trend_and_a_new_alliance_reads_plainly(self, assessed_alliance):
        r = build_brief(assessed_alliance)["relationship"]
        assert r["trend"] is None and r["last_met"] is None and r["milestone"] is None
        text = read_pdf(render_brief_pdf(build_brief(assessed_alliance), "a4"))[1]
        assert "Last met in person: not logged yet" in text and "Next milestone: none open" in text

    def test_the_trend_on_screen_is_the_trend_in_the_pdf(self, client, demo):
        from dancecard.portfolio.models import Alliance

        skelta = Alliance.objects.get(workspace=demo, name__startswith="Skelta")
        svg = str(build_brief(skelta)["relationship"]["trend"])
        assert svg in client.get(f"/alliances/{skelta.pk}/brief/").content.decode()
        assert svg in render_brief_html(build_brief(skelta), "a4")
