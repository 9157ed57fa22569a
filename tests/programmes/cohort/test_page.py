"""The cohort page: what a programme's staff see, under each firm's consent and the disclosure rule."""

import re

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection

from tests.programmes.cohort.conftest import browser

pytestmark = pytest.mark.django_db


def rows(page: str, table: str) -> dict[str, tuple[str, str]]:
    """{cell key: (state, text)} of a table's data rows on the page."""
    section = page.split(f'data-table="{table}"', 1)[1].split("</section>", 1)[0]
    found = {}
    for key, state, text in re.findall(r'<tr data-key="([^"]+)" data-state="([^"]+)"><th scope="row">[^<]*</th>'
                                       r'<td class="num state-[^"]+">([^<]*)</td>', section):
        found.setdefault(key, (state, text))
    return found


def test_the_manager_and_the_analyst_see_the_cohort(mona_client, andy_client, cohort_of_twelve):
    for client in (mona_client, andy_client):
        response = client.get("/programme/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "12 member firms share data with the programme." in page
        assert "A figure shows only when it rests on at least 5 firms." in page
        assert "None shows its alliances by name." in page
        assert "<svg" in page and "Where the programme could help most" in page


def test_a_programmes_dashboard_is_its_cohort(mona_client):
    response = mona_client.get("/")
    assert response.status_code == 302 and response.url == "/programme/"


def test_a_firms_people_meet_a_404(cohort_of_twelve):
    firm = cohort_of_twelve[0]
    client = browser(firm.owner, firm)
    for url in ("/programme/", "/programme/report.pdf", "/programme/cohort.csv", "/programme/cohort.xlsx"):
        assert client.get(url).status_code == 404, url


def test_small_cells_say_fewer_than_5_firms_and_a_cell_of_5_firms_shows(mona_client, cohort_of_twelve):
    page = mona_client.get("/programme/").content.decode()
    funnel = rows(page, "reached")
    assert funnel["none"] == ("shown", "12")
    furthest = re.findall(r'<tr data-key="(\w+)" data-state="(\w+)"><th scope="row">([^<]*)</th><td class="num '
                          r'state-\w+">([^<]*)</td></tr>', page.split("Member firms by the furthest stage reached")[1])
    by_key = {key: (state, label, text) for key, state, label, text in furthest[:6]}
    assert by_key["prospect"] == ("shown", "Prospect", "5")  # exactly k firms: shown
    assert by_key["negotiating"] == ("suppressed", "Negotiating", "fewer than 5 firms")
    # complementary suppression: five firms, but shown it would give the two away (12 - 5 - 5)
    assert by_key["active"] == ("suppressed", "Active", "fewer than 5 firms")
    assert by_key["assessing"] == ("empty", "Assessing", "no data")  # no firm: not the same as hidden
    assert "fewer than 5 firms" in page and "no data" in page


def test_the_numbers_in_words_are_the_numbers_drawn(mona_client, cohort_of_twelve):
    page = mona_client.get("/programme/").content.decode()
    stages = page.split('data-table="alliances_by_stage"', 1)[1].split("</section>", 1)[0]
    drawn = dict(re.findall(r'data-part="bar" data-key="(\w+)" data-state="shown" data-value="(\d+)"', stages))
    hidden = set(re.findall(r'data-part="suppressed" data-key="(\w+)"', stages))
    table = rows(page, "alliances_by_stage")
    assert drawn == {key: text for key, (state, text) in table.items() if state == "shown" and key != "total"}
    assert hidden == {key for key, (state, _) in table.items() if state == "suppressed"}
    assert drawn and hidden


def test_an_empty_cohort_says_what_to_do(mona_client):
    page = mona_client.get("/programme/").content.decode()
    assert "No member firm shares data yet" in page and "<svg" not in page
    assert 'href="/programme/firms/"' in page


def test_a_hidden_firm_is_not_counted(mona_client, join, programme):
    join("Quiet firm", consent="hidden")
    page = mona_client.get("/programme/").content.decode()
    assert "No member firm shares data yet" in page


def test_the_page_asks_the_same_number_of_queries_for_5_and_15_firms(mona_client, join):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert mona_client.get("/programme/").status_code == 200
        return len(queries)

    for n in range(5):
        join(f"Firm {n}", alliances=[("active", "software", True), ("prospect", "", False)])
    five = count()
    for n in range(5, 15):
        join(f"Firm {n}", alliances=[("active", "software", True), ("prospect", "", False)])
    fifteen = count()
    assert five == fifteen
