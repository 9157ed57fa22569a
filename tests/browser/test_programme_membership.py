"""A firm's owner on a phone: opens a programme's invitation, joins with the suggested consent, narrows it,
joins a partner programme as a bridging mechanism, finds the answer in the assessment, and leaves (issue 11)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dancecard.accounts.tokens import digest, new_secret
from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now
from dancecard.programmes.models import FirmInvitation, Participation, PartnerProgramme, Programme
from dancecard.workspaces.models import Kind, Workspace
from tests.browser.conftest import screenshot
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_the_consent_flow_on_a_phone(phone, workspace, make_alliance):
    programme = Workspace.objects.create(name="Scottish Bridging Initiative", slug="sbi", kind=Kind.PROGRAMME)
    Programme.objects.create(workspace=programme, min_firms=5,
                             about="We introduce Scottish technology SMEs to multinationals' partner programmes.")
    secret = new_secret()
    FirmInvitation.objects.create(workspace=programme, digest=digest(secret),
                                  expires=timezone.now() + timedelta(days=30))
    PartnerProgramme.objects.create(workspace=programme, name="Azure ISV Success", sponsor="Microsoft",
                                    offers="Technical support, co-selling and introductions to field teams.",
                                    motives=["motive.technology_absorption"], assets=["asset.technology_ip"])
    alliance = make_alliance("Skelta and Microsoft")
    assess_now(alliance, "quick", QUICK_STRONG, respondent="Ann")

    phone.goto(f"/programmes/join/{secret}/")
    assert phone.get_by_role("heading", name="Join Scottish Bridging Initiative").is_visible()
    assert phone.locator('input[name=consent][value=aggregates]').is_checked()
    fits(phone)
    screenshot(phone, "programme-join-phone")
    assert not Participation.objects.exists()
    phone.get_by_role("button", name="Join Scottish Bridging Initiative").click()

    assert phone.get_by_role("heading", name="Programmes", exact=True).is_visible()
    assert phone.get_by_text("Consent: Anonymised aggregates").is_visible()
    phone.get_by_text("Change consent…").click()
    phone.locator('input[name=consent][value=counts]').check()
    phone.get_by_role("button", name="Save consent").click()
    assert phone.get_by_text("Consent: Counts only").is_visible()
    assert Participation.objects.get().consent == "counts"
    fits(phone)
    screenshot(phone, "programme-membership-phone")

    phone.get_by_role("link", name="Partner programmes your programmes know", exact=False).click()
    assert phone.get_by_text("Good fit").is_visible()
    phone.get_by_text("Join as a bridging mechanism…").click()
    phone.get_by_label("For which alliance?").select_option(label="Skelta and Microsoft")
    phone.get_by_role("button", name="Join Azure ISV Success").click()
    assert phone.get_by_text("Started a full assessment", exact=False).is_visible()
    fits(phone)
    screenshot(phone, "programme-partner-programmes-phone")
    phone.get_by_role("link", name="Continue the assessment").click()
    evidence = phone.locator("#ev-full\\.bridging")
    assert evidence.input_value().startswith("Member of Azure ISV Success (Microsoft) since ")
    assert phone.locator("#q-full\\.bridging").get_by_role("radio", name="Actively involved").is_checked()
    assert Assessment.objects.filter(instrument_name="full").count() == 1

    phone.goto("/programmes/")
    phone.get_by_text("Leave Scottish Bridging Initiative…").click()
    phone.get_by_role("button", name="Yes, leave Scottish Bridging Initiative").click()
    assert phone.get_by_role("heading", name="Former programmes").is_visible()
    assert Participation.objects.get().left is not None
    fits(phone)
    screenshot(phone, "programme-left-phone")
