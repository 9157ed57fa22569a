"""Bridging programmes end to end, through the pages only, as two new users meet them (issue 11).

Mona creates a programme from the Workspaces page, sets k, adds a partner programme and makes an invitation
link; Fiona, who owns a firm with an assessed alliance, opens it, joins sharing anonymised aggregates, later
names her alliances, and sees every change in the history of consent. Mona sees the firm on the Firms page
and, with one firm, "fewer than 5 firms" rather than figures on the cohort page; Fiona hides the firm and
Mona's next cohort neither counts nor names it. Fiona then joins the fitting partner programme for her
alliance, and the full assessment's bridging question shows answered with the membership as evidence.

Every page is photographed at 1280 px and at 390 px (test-artifacts/walkthrough-*.png); at 390 px nothing
may scroll sideways, and no page shows a raw code ("strategy.bridging_mechanisms", "not_assessed")."""

import re

import pytest

from dancecard.assessments.services import assess_now
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.workspaces.services import create_workspace
from tests.browser.conftest import screenshot, sign_in
from tests.conftest import QUICK_STRONG, make_user

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PROGRAMME = "Scottish Bridging Initiative"
FIRM = "Aberdeen RFID Ltd"
ALLIANCE = "RFID tags with Motorola"

# A vocabulary key ("strategy.bridging_mechanisms"), an item ("full.bridging") or a snake_case code ("not_assessed").
RAW_CODE = re.compile(r"\b(?:motive|asset|barrier|strategy|countermeasure|networking|signal|stage|band|consent|quick"
                      r"|full|help|sector)\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b")


def looks_right(page, name: str) -> None:
    """Photograph the page as it is at desktop width, then at phone width (where nothing may scroll sideways)."""
    # what is shown, and what a click opens (closed tables, the charts' titles): no raw codes
    for said in (page.locator("body").inner_text(), page.locator("main").text_content()):
        said = re.sub(r"https?://\S+", "", said)
        assert not RAW_CODE.findall(said), (name, RAW_CODE.findall(said))
    screenshot(page, f"walkthrough-{name}-desktop")
    page.set_viewport_size(PHONE)
    width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] == PHONE["width"], (name, width)
    screenshot(page, f"walkthrough-{name}-phone")
    page.set_viewport_size(DESKTOP)


def signed_in(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, user)
    return page


@pytest.fixture
def fiona(db):
    """The owner of a firm's workspace with one alliance, assessed with the quick instrument."""
    fiona = make_user("fiona")
    firm = create_workspace(fiona, FIRM)
    partner = Partner.objects.create(workspace=firm, name="Motorola", sector="telecom")
    alliance = save_alliance(Alliance(workspace=firm, name=ALLIANCE, purpose="Tags for their readers.",
                                      stage="negotiating"), [partner])
    assess_now(alliance, "quick", QUICK_STRONG, respondent="Fiona")
    return fiona


def test_a_programme_and_a_firm_from_first_click_to_bridging(browser, live_server, fiona):
    mona = signed_in(browser, live_server, make_user("mona"))
    firm = signed_in(browser, live_server, fiona)
    try:
        # Mona creates the programme from the Workspaces page.
        mona.goto("/workspaces/")
        looks_right(mona, "01-workspaces-empty")
        mona.get_by_label("Programme").check()
        mona.locator("#ws-name").fill(PROGRAMME)
        mona.get_by_role("button", name="Create").click()
        mona.wait_for_url("**/programme/firms/")
        assert "No member firms yet" in mona.locator("main").inner_text()
        looks_right(mona, "02-firms-empty")

        # k: below 3 is refused; 5 is kept, with what the programme does for firms.
        mona.locator(".topbar nav").get_by_role("link", name="Settings").click()
        mona.get_by_label("Smallest group shown (k)").fill("2")
        mona.get_by_role("button", name="Save settings").click()
        assert "k cannot be below 3" in mona.locator("main").inner_text()
        looks_right(mona, "03-settings-error")
        mona.get_by_label("Smallest group shown (k)").fill("5")
        mona.locator("textarea").first.fill("We introduce Scottish SMEs to multinationals' partner programmes.")
        mona.get_by_role("button", name="Save settings").click()
        assert "Settings saved." in mona.locator(".messages").inner_text()
        looks_right(mona, "04-settings-saved")

        # A partner programme that looks for what Fiona's alliance offers.
        mona.locator(".topbar nav").get_by_role("link", name="Partner programmes").click()
        looks_right(mona, "05-partner-programmes-empty")
        mona.get_by_role("link", name="Add a partner programme").click()
        mona.locator("#id_name").fill("Azure ISV Success")
        mona.locator("#id_sponsor").fill("Microsoft")
        mona.locator("#id_offers").fill("Technical support, co-selling and introductions to field teams.")
        mona.get_by_label("Technology absorption").check()
        mona.get_by_label("Leading-edge technology and IP").check()
        looks_right(mona, "06-partner-programme-form")
        mona.get_by_role("button", name="Save partner programme").click()
        assert mona.locator("section.card", has_text="Azure ISV Success").is_visible()
        looks_right(mona, "07-partner-programmes")
        mona.get_by_role("link", name="Delete…").click()  # deleting asks first; she changes her mind
        assert mona.get_by_role("heading", name="Delete “Azure ISV Success”?").is_visible()
        looks_right(mona, "07b-partner-programme-delete-asks")
        mona.get_by_role("link", name="Cancel").click()
        assert mona.locator("section.card", has_text="Azure ISV Success").is_visible()

        # An invitation link for Fiona's firm.
        mona.locator(".topbar nav").get_by_role("link", name="Firms").click()
        mona.get_by_label("For").fill(FIRM)
        mona.get_by_role("button", name="Make an invitation link").click()
        link = mona.get_by_test_id("invitation-link").inner_text()
        looks_right(mona, "08-firms-invitation")

        # Fiona opens it: four consent levels, "anonymised aggregates" suggested.
        firm.goto(link)
        assert firm.get_by_role("heading", name=f"Join {PROGRAMME}").is_visible()
        levels = firm.locator("input[name=consent]")
        assert levels.count() == 4
        for label in ("Hidden", "Counts only", "Anonymised aggregates", "Named alliances"):
            assert firm.locator("form").get_by_text(label, exact=True).is_visible()
        looks_right(firm, "09-join")
        firm.get_by_label(FIRM).check()
        firm.locator("input[name=consent][value=aggregates]").check()
        firm.get_by_role("button", name=f"Join {PROGRAMME}").click()
        assert firm.get_by_text("Consent: Anonymised aggregates").is_visible()
        looks_right(firm, "10-membership-joined")

        # Later she names her alliances; the history keeps both steps.
        firm.get_by_text("Change consent…").click()
        firm.locator("input[name=consent][value=named]").check()
        looks_right(firm, "11-membership-change-consent")
        firm.get_by_role("button", name="Save consent").click()
        assert firm.get_by_text("Consent: Named alliances").is_visible()
        history = firm.locator("li.history-entry")
        assert history.count() == 2
        assert "Anonymised aggregates → Named alliances" in history.nth(0).inner_text()
        assert f"Joined {PROGRAMME} with consent Anonymised aggregates" in history.nth(1).inner_text()
        looks_right(firm, "12-membership-named")

        # Mona sees the firm; with one firm, every figure reads "fewer than 5 firms" (hatched), the stages
        # nobody reached too: "no data" beside them would say where the firm stands.
        mona.locator(".topbar nav").get_by_role("link", name="Firms").click()  # (a reload would post the form again)
        assert "Named alliances" in mona.get_by_role("row").filter(has_text=FIRM).first.inner_text()
        looks_right(mona, "13-firms-member")
        mona.locator(".topbar nav").get_by_role("link", name="Cohort").click()
        main = mona.locator("main")
        assert mona.get_by_test_id("cohort-legend").is_visible()
        assert main.get_by_text("fewer than 5 firms").first.is_visible()
        stages = mona.locator("svg[data-part='cohort-alliances_by_stage']")
        hidden = stages.locator("[data-part='value'][data-state='suppressed']")
        assert hidden.count() == 6 and hidden.first.text_content() == "fewer than 5 firms"
        assert stages.locator("[data-part='value'][data-state='empty']").count() == 0
        assert stages.locator("g[data-part='suppressed']").count() > 0
        legend = mona.get_by_test_id("cohort-legend").inner_text()
        assert "fewer than 5 firms" in legend and "no data" in legend  # the two told apart
        assert mona.locator("[data-table='named']").get_by_role("cell", name=ALLIANCE).is_visible()
        looks_right(mona, "14-cohort-one-named-firm")

        # Fiona hides her firm: Mona's next load neither counts nor names it.
        firm.get_by_text("Change consent…").click()
        firm.locator("input[name=consent][value=hidden]").check()
        firm.get_by_role("button", name="Save consent").click()
        assert firm.get_by_text("Consent: Hidden").is_visible()
        mona.reload()
        assert ALLIANCE not in main.inner_text() and FIRM not in main.inner_text()
        assert mona.locator("[data-table='named']").count() == 0 or \
            mona.locator("[data-table='named'] td").count() == 0
        looks_right(mona, "15-cohort-firm-hidden")
        mona.locator(".topbar nav").get_by_role("link", name="Firms").click()
        assert "Hidden" in mona.get_by_role("row").filter(has_text=FIRM).first.inner_text()

        # The partner programmes her programmes know, ranked by fit; she joins one for her alliance.
        firm.get_by_role("link", name="Partner programmes your programmes know", exact=False).click()
        card = firm.locator("section.card", has_text="Azure ISV Success")
        assert card.get_by_text("Good fit").is_visible()
        card.get_by_text("Join as a bridging mechanism…").click()
        card.get_by_label("For which alliance?").select_option(label=ALLIANCE)
        looks_right(firm, "16-partner-programmes")
        card.get_by_role("button", name="Join Azure ISV Success").click()
        assert firm.get_by_text("Started a full assessment", exact=False).is_visible()
        looks_right(firm, "17-partner-programme-joined")
        firm.get_by_role("link", name="Continue the assessment").click()
        question = firm.locator("#q-full\\.bridging")
        assert question.get_by_role("radio", name="Actively involved").is_checked()
        assert firm.locator("#ev-full\\.bridging").input_value().startswith(
            "Member of Azure ISV Success (Microsoft) since ")
        looks_right(firm, "18-assessment-bridging")

        # Leaving asks first.
        firm.goto("/programmes/")
        firm.get_by_text(f"Leave {PROGRAMME}…").click()
        assert firm.get_by_role("button", name=f"Yes, leave {PROGRAMME}").is_visible()
        looks_right(firm, "19-membership-leave-asks")
    finally:
        mona.context.close()
        firm.context.close()
