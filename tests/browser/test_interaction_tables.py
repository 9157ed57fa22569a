"""The meetings tables are offered where the answer tables are: the Data page and an alliance's More menu."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_data_page_offers_the_meetings_table_on_a_phone(phone, assessed_alliance):
    phone.goto("/data/")
    link = phone.get_by_role("link", name="Meetings (CSV)")
    assert link.is_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    with phone.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".csv") and "-interactions-" in download.value.suggested_filename
    screenshot(phone, "interaction-tables-data-phone")


def test_an_alliances_more_menu_offers_its_meetings(page, assessed_alliance):
    page.goto(assessed_alliance.get_absolute_url())
    page.get_by_text("More ▾").click()
    link = page.get_by_role("link", name="Meetings (XLSX)")
    assert link.is_visible()
    screenshot(page, "interaction-tables-alliance-menu")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
