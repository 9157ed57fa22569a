"""Logging a meeting on a phone takes seconds, not minutes (issue 10: well under 30 s of taps), and the
alliance page's people, map and next step fit a 390 px screen."""

import time
from datetime import timedelta

import pytest

from dancecard.portfolio.models import Alliance
from dancecard.portfolio.services import save_alliance
from dancecard.tracking.life import today
from dancecard.tracking.models import Contact, Interaction, NextStep
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


@pytest.fixture
def alliance(workspace, make_partner):
    partner = make_partner("Microsoft")
    alliance = save_alliance(Alliance(workspace=workspace, name="Skelta ISV programme", purpose="Sell through the "
                                      "partner's channel.", stage="active", owner="Ann Ours"), [partner])
    people = {}
    for name, side, fields in [
        ("Ann Ours", "ours", {"role": "owner", "level": "executive"}),
        ("Bo Engineer", "ours", {}),
        ("Raj Patel", "partner", {"unit": "local_subsidiary", "role": "champion", "job_title": "ISV lead"}),
        ("Sofia Redmond", "partner", {"unit": "head_office", "level": "executive", "role": "sponsor"}),
        ("Old Champion", "partner", {"unit": "local_subsidiary", "left": today() - timedelta(days=60)}),
    ]:
        people[name] = Contact.objects.create(workspace=workspace, alliance=alliance, side=side, name=name,
                                              partner=partner if side == "partner" else None, **fields)
    Contact.objects.filter(name__in=["Raj Patel", "Old Champion"]).update(known_by=people["Ann Ours"])
    earlier = Interaction.objects.create(workspace=workspace, alliance=alliance, date=today() - timedelta(days=95),
                                         kind="face_to_face", note="Kick-off in Bangalore")
    earlier.ours.add(people["Bo Engineer"])
    earlier.theirs.add(people["Sofia Redmond"])
    NextStep.objects.create(workspace=workspace, alliance=alliance, text="Send the pilot plan to Raj",
                            due=today() - timedelta(days=2), owner="Ann Ours")
    return alliance


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_a_meeting_is_logged_on_a_phone_in_well_under_30_seconds(phone, alliance):
    phone.goto(f"/alliances/{alliance.pk}/")
    started = time.perf_counter()
    phone.get_by_role("link", name="Log a meeting").first.click()
    phone.get_by_label("Raj Patel").check()  # date (today) and kind (face-to-face) are already right
    phone.get_by_label("Ann Ours").check()
    phone.get_by_label("A cost that was not in the plan").check()
    phone.get_by_role("button", name="Save the meeting").click()
    phone.get_by_text("Face-to-face meeting on").wait_for()
    seconds = time.perf_counter() - started
    print(f"\nlogging a meeting on a 390 px phone took {seconds:.2f} s of browser time")
    assert seconds < 10, f"{seconds:.1f} s"  # the 30 s budget leaves 20 s for a person's thumbs

    assert phone.url.endswith(f"/alliances/{alliance.pk}/")
    logged = Interaction.objects.latest("pk")
    assert (logged.date, logged.kind, logged.cost_not_in_plan) == (today(), "face_to_face", True)
    assert {c.name for c in logged.theirs.all()} == {"Raj Patel"}
    assert {c.name for c in logged.ours.all()} == {"Ann Ours"}
    assert fits_the_phone(phone)
    screenshot(phone, "log-a-meeting-alliance-phone")


def test_the_log_page_has_thumb_sized_targets_and_fits_the_phone(phone, alliance):
    phone.goto(f"/alliances/{alliance.pk}/log/")
    assert fits_the_phone(phone)
    heights = phone.eval_on_selector_all("label.tile", "tiles => tiles.map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights  # the usual minimum for a touch target
    save = phone.get_by_role("button", name="Save the meeting").bounding_box()
    assert save["height"] >= 44
    # nobody who has left is offered
    assert phone.get_by_label("Old Champion").count() == 0
    screenshot(phone, "log-a-meeting-form-phone")


def test_the_people_map_and_next_step_fit_the_phone(phone, alliance):
    phone.goto(f"/alliances/{alliance.pk}/#people")
    assert fits_the_phone(phone)
    assert phone.get_by_text("Nobody in field operations").is_visible()
    assert phone.get_by_text("Nobody in another subsidiary").is_visible()
    # the map's names are drawn at a readable size on a 390 px screen
    sizes = phone.eval_on_selector_all(
        "figure.relmap svg text",
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)")
    assert sizes and min(sizes) >= 11, min(sizes)
    assert phone.locator("#next-step .state-late").is_visible()
    screenshot(phone, "people-alliance-phone")
    phone.goto(f"/alliances/{alliance.pk}/people/new/?side=ours")
    # our people have no unit, partner or "known by": the fields disappear without any script
    assert not phone.get_by_label("Partner unit").is_visible()
    phone.locator("#id_side").get_by_text("Partner", exact=True).click()
    assert phone.get_by_label("Partner unit").is_visible()
    assert fits_the_phone(phone)
    screenshot(phone, "people-contact-form-phone")


def test_the_alliance_page_on_a_desktop(page, alliance):
    page.goto(f"/alliances/{alliance.pk}/")
    assert page.get_by_text("Nobody in field operations").is_visible()
    screenshot(page, "people-alliance-desktop")
    page.goto(f"/alliances/{alliance.pk}/log/")
    screenshot(page, "log-a-meeting-form-desktop")


def test_a_consortiums_map_groups_each_partners_people_and_fits_the_phone(phone, workspace, make_partner):
    eds, motorola = make_partner("EDS"), make_partner("Motorola Solutions Incorporated")
    rfid = save_alliance(Alliance(workspace=workspace, name="RFID pilots", purpose="Track and trace offshore."),
                         [eds, motorola])
    ours = Contact.objects.create(workspace=workspace, alliance=rfid, side="ours", name="Alexandra Montgomery-Smythe")
    for name, partner, unit in [("Field Fay", eds, "field_operations"), ("Hank Head", motorola, "head_office"),
                                ("Lou Local", motorola, "local_subsidiary")]:
        Contact.objects.create(workspace=workspace, alliance=rfid, side="partner", name=name, partner=partner,
                               unit=unit, known_by=ours)
    phone.goto(f"/alliances/{rfid.pk}/#people")
    assert fits_the_phone(phone)
    assert phone.get_by_text("Nobody in field operations at Motorola Solutions Incorporated").is_visible()
    screenshot(phone, "people-consortium-phone")
