"""A programme's hosting side in a browser, on a 390 px phone: create a programme from the workspaces page, invite
a firm, add a partner programme with its motives and assets, set k; nothing scrolls sideways."""

import pytest

from dancecard.programmes.models import FirmInvitation, PartnerProgramme, Programme
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_a_programme_is_created_and_run_from_a_phone(phone):
    phone.goto("/workspaces/")
    phone.get_by_label("Programme").check()
    phone.locator("#ws-name").fill("Scottish Bridging Initiative")
    assert fits(phone)
    screenshot(phone, "programme-create-phone")
    phone.get_by_role("button", name="Create").click()
    phone.wait_for_url("**/programme/firms/")
    assert "you are its manager" in phone.locator(".messages").inner_text()
    assert phone.locator(".topbar nav").get_by_role("link", name="Partner programmes").is_visible()
    assert "No member firms yet" in phone.locator("main").inner_text()

    phone.get_by_label("For").fill("Aberdeen RFID Ltd")
    phone.get_by_role("button", name="Make an invitation link").click()
    link = phone.get_by_test_id("invitation-link").inner_text()
    assert "/programmes/join/" in link and FirmInvitation.objects.get().label == "Aberdeen RFID Ltd"
    assert fits(phone)
    screenshot(phone, "programme-firms-phone")

    phone.locator(".topbar nav").get_by_role("link", name="Partner programmes").click()
    assert "No partner programmes yet" in phone.locator("main").inner_text()
    assert "Prashantham" in phone.locator(".empty .source").inner_text()
    assert fits(phone)
    phone.get_by_role("link", name="Add a partner programme").click()
    phone.locator("#id_name").fill("Microsoft ISV programme")
    phone.locator("#id_sponsor").fill("Microsoft")
    phone.locator("#id_offers").fill("Development software, technical support and roadshows.")
    phone.get_by_label("Technology evangelisation").check()
    phone.get_by_label("Niche products").check()
    assert fits(phone)
    screenshot(phone, "partner-programme-form-phone")
    phone.get_by_role("button", name="Save partner programme").click()
    phone.wait_for_url("**/programme/partner-programmes/**")
    card = phone.locator("section.card", has_text="Microsoft ISV programme")
    assert "Technology evangelisation" in card.inner_text() and "Niche products" in card.inner_text()
    assert PartnerProgramme.objects.get().motives == ["motive.technology_evangelisation"]
    assert fits(phone)
    screenshot(phone, "partner-programmes-phone")

    phone.locator(".topbar nav").get_by_role("link", name="Settings").click()
    phone.get_by_label("Smallest group shown (k)").fill("2")
    phone.get_by_role("button", name="Save settings").click()
    assert "k cannot be below 3" in phone.locator("main").inner_text()
    phone.get_by_label("Smallest group shown (k)").fill("3")
    phone.get_by_role("button", name="Save settings").click()
    assert "Settings saved." in phone.locator(".messages").inner_text()
    assert "Smallest group shown: 5 → 3" in phone.locator("li.history-entry").first.inner_text()
    assert Programme.objects.get().min_firms == 3
    assert fits(phone)
    screenshot(phone, "programme-settings-phone")
