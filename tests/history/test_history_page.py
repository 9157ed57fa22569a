"""The history pages: an alliance's (with its partners and assessments) and a partner's, newest first, in words."""

import re

import pytest
from django.urls import reverse

from dancecard.assessments.services import assess_now, save_answers, start_assessment
from dancecard.history.services import PAGE_SIZE
from dancecard.rounds.services import open_round
from tests.conftest import QUICK_STRONG
from tests.history.conftest import edit_alliance, edit_partner, undo_url, record

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    html = response.content.decode()
    html = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" .", ".")


def history(client, alliance, page: int = 1):
    response = client.get(reverse("alliance_history", args=[alliance.pk]) + f"?page={page}")
    assert response.status_code == 200
    return response


class TestHistoryPage:
    def test_the_alliance_page_links_to_its_history(self, client, make_alliance):
        alliance = make_alliance()
        page = client.get(alliance.get_absolute_url()).content.decode()
        assert f'href="/alliances/{alliance.pk}/history/"' in page

    def test_it_says_what_changed_who_changed_it_and_when_newest_first(self, client, make_alliance):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating")
        text = page_text(history(client, alliance))
        assert "Stage: Prospect → Negotiating" in text and "· alice" in text
        assert text.index("Alliance edited") < text.index("Partner Microsoft joined") < \
            text.index("Alliance Skelta ISV programme created")
        assert "created 2" in text or "created" in text  # a date follows every entry
        assert re.search(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d · —", text)  # made outside a request: nobody named

    def test_a_draft_s_answer_saves_make_one_entry_per_person_and_day(self, client, make_alliance):
        alliance = make_alliance()
        draft = start_assessment(alliance)
        for item, value in [("quick.customer_need", "5"), ("quick.unique_offering", "4"), ("quick.dependence", "2")]:
            client.post(f"/assessments/{draft.pk}/step/1/", {item: value})
        text = page_text(history(client, alliance))
        assert text.count("answers edited") == 1 and "(3 saves)" in text

    def test_completing_and_making_current_show_as_such(self, client, make_alliance):
        alliance = make_alliance()
        assess_now(alliance, "quick", QUICK_STRONG)
        text = page_text(history(client, alliance))
        assert "completed" in text and "Current picture: none → Quick assessment of" in text

    def test_a_partner_s_edits_show_in_the_alliances_it_is_in(self, client, make_alliance, make_partner):
        partner = make_partner("Oracle")
        alliance = make_alliance(partners=[partner])
        edit_partner(client, partner, headquarters_country="USA")
        assert "Partner Oracle edited Headquarters country: — → USA" in page_text(history(client, alliance))

    def test_a_team_member_s_private_answers_never_show(self, client, make_alliance):
        alliance = make_alliance()
        round_ = open_round(alliance, "quick", ["Ann", "Raj"])
        save_answers(round_.respondents.first().assessment, {"quick.customer_need": 5})
        text = page_text(history(client, alliance))
        assert "answers edited" not in text and "assessment" not in text.lower().replace("its assessments", "")

    def test_an_editor_gets_undo_buttons_and_a_deletion_asks_first(self, client, make_alliance):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating")
        page = history(client, alliance).content.decode()
        assert f'action="{undo_url("alliance", record("alliance", alliance.pk, "~"))}?next=' in page
        assert '<details class="history-confirm"><summary class="button secondary">Undo…</summary>' in page

    def test_a_change_that_cannot_be_undone_says_why(self, client, make_alliance):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating")
        edit_alliance(client, alliance, stage="committed")
        assert "Changed again since" in page_text(history(client, alliance))

    def test_a_viewer_sees_the_history_without_undo_buttons(self, as_bob, client, make_alliance):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating")
        response = history(as_bob, alliance)
        assert "Stage: Prospect → Negotiating" in page_text(response)
        assert "/undo/" not in response.content.decode()

    def test_another_workspace_s_owner_gets_404(self, as_charlie, make_alliance, make_partner):
        alliance = make_alliance()
        assert as_charlie.get(reverse("alliance_history", args=[alliance.pk])).status_code == 404
        partner = alliance.partners.get()
        assert as_charlie.get(reverse("partner_history", args=[partner.pk])).status_code == 404

    def test_it_is_paginated(self, client, make_alliance):
        alliance = make_alliance()
        for n in range(PAGE_SIZE + 5):
            alliance.owner = f"Owner {n}"
            alliance.save()
        first, second = page_text(history(client, alliance)), page_text(history(client, alliance, 2))
        assert f"Owner {PAGE_SIZE + 4}" in first and "Page 1 of 2" in first
        assert "Alliance Skelta ISV programme created" in second and f"Owner {PAGE_SIZE + 4}" not in second

    def test_the_queries_do_not_grow_with_the_number_of_entries(self, client, make_alliance, make_partner,
                                                                django_assert_max_num_queries):
        alliance = make_alliance()
        with django_assert_max_num_queries(30) as small:
            history(client, alliance)
        few = len(small)  # counted now: the connection's query log only keeps the latest 9,000
        oracle = make_partner("Oracle")
        edit_alliance(client, alliance, partners=[alliance.partners.get().pk, oracle.pk])
        for n in range(5):
            edit_alliance(client, alliance, owner=f"Owner {n}")
            edit_partner(client, oracle, sector=f"Sector {n}")
            assess_now(alliance, "quick", QUICK_STRONG)
            draft = start_assessment(alliance, partner=oracle)
            client.post(f"/assessments/{draft.pk}/step/1/", {"quick.customer_need": "5"})
        with django_assert_max_num_queries(few):
            response = history(client, alliance)
        assert page_text(response).count("Quick assessment of") > 10


class TestPartnerHistoryPage:
    def test_the_partner_page_links_to_its_history(self, client, make_partner):
        partner = make_partner("Oracle")
        assert f'href="/partners/{partner.pk}/history/"' in client.get(partner.get_absolute_url()).content.decode()

    def test_it_lists_the_profile_s_changes(self, client, make_partner):
        partner = make_partner("Oracle", autonomy="low")
        edit_partner(client, partner, autonomy="high")
        text = page_text(client.get(reverse("partner_history", args=[partner.pk])))
        assert "Subsidiary autonomy: Low: head office decides → High: decides for itself" in text
        assert "Partner Oracle added" in text

    def test_a_partner_in_use_says_why_its_creation_cannot_be_undone(self, client, make_alliance, make_partner):
        partner = make_partner("Oracle")
        make_alliance(partners=[partner])
        assert "In use: can" in page_text(client.get(reverse("partner_history", args=[partner.pk])))
