"""The Compare page: choosing, side by side, ranking with weights, sensitivity; scoped to the workspace."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dancecard.assessments.services import assess_now
from tests.conftest import QUICK_STRONG

# Excellent market need and partner value, but very risky (verdict: walk away).
BOLD = {
    "quick.customer_need": 5, "quick.unique_offering": 5, "quick.route_to_market": "partner_channel",
    "quick.sme_value_to_mnc": 5, "quick.mnc_motive": ["technology_absorption"], "quick.mnc_value_to_sme": 5,
    "quick.acquisition": 5, "quick.local_autonomy": 5, "quick.dependence": 5, "quick.ip_exposure": 5,
    "quick.partner_track_record": 2, "quick.written_commitment_stage": "none",
}
# Middling market need and value, almost no risk.
CAREFUL = {
    "quick.customer_need": 3, "quick.unique_offering": 3, "quick.route_to_market": "joint_promotion",
    "quick.sme_value_to_mnc": 3, "quick.mnc_motive": ["corporate_citizenship"], "quick.mnc_value_to_sme": 3,
    "quick.acquisition": 1, "quick.local_autonomy": 1, "quick.dependence": 1, "quick.ip_exposure": 1,
    "quick.partner_track_record": 5, "quick.written_commitment_stage": "signed",
}


@pytest.fixture
def pair(make_alliance, make_partner):
    bold = make_alliance(name="Bold Gorilla Deal", partners=[make_partner("Gorilla Corp")])
    careful = make_alliance(name="Careful Steps", partners=[make_partner("Steady Inc")])
    assess_now(bold, "quick", BOLD)
    assess_now(careful, "quick", CAREFUL)
    return bold, careful


def ranking_order(page: str) -> list[str]:
    table = page.split('class="ranking"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a></td>', table)


def url(*alliances, **weights):
    query = "&".join([f"ids={a.pk}" for a in alliances] + [f"{k}={v}" for k, v in weights.items()])
    return f"/compare/?{query}"


@pytest.mark.django_db
class TestComparePage:
    def test_nothing_selected_explains_how_to_pick(self, client, pair):
        page = client.get("/compare/").content.decode()
        assert "Nothing to compare yet" in page and "Tick two or more alliances" in page
        assert 'type="checkbox" name="ids"' in page and "Bold Gorilla Deal" in page and "Careful Steps" in page
        assert "band-walk_away" in page  # each choice shows its verdict
        assert "Side by side" not in page

    def test_an_empty_workspace_says_what_to_do_first(self, client, workspace):
        page = client.get("/compare/").content.decode()
        assert "No alliances yet" in page

    def test_two_alliances_side_by_side_with_factor_scores(self, client, pair):
        bold, careful = pair
        response = client.get(url(bold, careful))
        assert response.status_code == 200
        page = response.content.decode()
        side = page.split("Side by side", 1)[1].split("</table>", 1)[0]
        assert "Bold Gorilla Deal" in side and "Careful Steps" in side
        for label in ("Market needs", "Partner value", "Risk profile"):
            assert label in side
        bold_summary = bold.assessments.get().summary["factors"]
        assert f'{bold_summary["market"]["score"]:.0f}' in side
        assert "range " in side and "answered 100%" in side
        assert side.count("<svg") == 2  # the model's mini picture for each
        assert "band-walk_away" in side and "band-explore_further" in side
        assert "Gorilla Corp" in side  # the partners under each alliance

    def test_weights_change_the_ranking(self, client, pair):
        bold, careful = pair
        no_risk = client.get(url(bold, careful, market=50, partner_value=50, risk=0)).content.decode()
        assert ranking_order(no_risk) == ["Bold Gorilla Deal", "Careful Steps"]
        risk_first = client.get(url(bold, careful, market=10, partner_value=10, risk=100)).content.decode()
        assert ranking_order(risk_first) == ["Careful Steps", "Bold Gorilla Deal"]
        posted = client.post(url(bold, careful), {"market": 10, "partner_value": 10, "risk": 100}).content.decode()
        assert ranking_order(posted) == ["Careful Steps", "Bold Gorilla Deal"]
        assert "pymcdm" in posted and "TOPSIS" in posted

    def test_the_sensitivity_tables_say_when_the_leader_changes(self, client, pair):
        bold, careful = pair
        page = client.get(url(bold, careful)).content.decode()
        assert "How the ranking changes as the weights change" in page
        # Bold wins on market and value, Careful on risk: with more weight on risk, Careful takes the lead.
        assert re.search(r"Bold Gorilla Deal leads until the weight of risk exceeds \d+%, then Careful Steps\.", page)
        assert re.search(r"Careful Steps leads until the weight of market needs exceeds \d+%, then Bold Gorilla Deal\.",
                         page)
        assert page.count('class="ranks"') == 3
        assert "0%" in page and "100%" in page

    def test_htmx_requests_get_only_the_ranking(self, client, pair):
        bold, careful = pair
        response = client.get(url(bold, careful, risk=100), headers={"HX-Request": "true"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in body and "Side by side" not in body
        assert ranking_order(body)[0] == "Careful Steps"
        assert 'hx-swap-oob="true"' in body  # the weight shares next to the sliders follow
        assert "HX-Request" in response.headers.get("Vary", "")

    def test_another_workspaces_alliance_is_never_shown(self, client, pair, outsider):
        bold, careful = pair
        secret = outsider["alliance"]
        assess_now(secret, "quick", QUICK_STRONG)
        page = client.get(url(bold, careful, secret)).content.decode()
        assert "Secret alliance" not in page and "Secret Corp" not in page
        assert "Left out 1 requested id" in page
        assert ranking_order(page) and "Secret" not in "".join(ranking_order(page))
        only_secret = client.get(url(secret)).content.decode()
        assert "Secret" not in only_secret and "Nothing to compare yet" in only_secret
        assert "Secret" not in client.get("/compare/").content.decode()
        partners = client.get(f"/compare/partners/?ids={outsider['partner'].pk}").content.decode()
        assert "Secret" not in partners

    @pytest.mark.parametrize("weights, message", [
        ({"risk": "lots"}, "The weight of risk must be a number"),
        ({"market": "-20"}, "The weight of market needs cannot be negative"),
        ({"market": 0, "partner_value": 0, "risk": 0}, "All three weights are zero"),
    ])
    def test_bad_weights_give_a_clear_message_not_a_500(self, client, pair, weights, message):
        bold, careful = pair
        response = client.get(url(bold, careful, **weights))
        assert response.status_code == 200
        page = response.content.decode()
        assert message in page and "nothing is ranked" in page
        assert "Side by side" in page  # the comparison itself still shows
        htmx = client.get(url(bold, careful, **weights), headers={"HX-Request": "true"})
        assert htmx.status_code == 200 and message in htmx.content.decode()

    def test_junk_ids_are_ignored(self, client, pair):
        bold, careful = pair
        response = client.get(f"/compare/?ids={bold.pk}&ids=abc&ids=-3&ids=99999999999999999999999&ids={careful.pk}")
        assert response.status_code == 200
        assert ranking_order(response.content.decode())

    def test_one_alliance_or_an_unassessed_one_is_explained(self, client, pair, make_alliance):
        bold, careful = pair
        page = client.get(url(bold)).content.decode()
        assert "Choose at least two alliances to rank them." in page
        fresh = make_alliance(name="Fresh Lead")
        page = client.get(url(bold, careful, fresh)).content.decode()
        assert "Fresh Lead" in page.split("Side by side", 1)[1]
        assert "Fresh Lead</strong> (not assessed yet)" in page
        assert ranking_order(page) and "Fresh Lead" not in ranking_order(page)

    def test_a_factor_without_answers_is_reported_as_not_enough_answers(self, client, pair, make_alliance):
        bold, careful = pair
        thin = make_alliance(name="Thin Notes")
        assess_now(thin, "quick", {"quick.customer_need": 4})
        page = client.get(url(bold, careful, thin)).content.decode()
        assert "Thin Notes</strong> (not enough answers — no score for partner value, risk)" in page

    def test_identical_alliances_tie(self, client, make_alliance, make_partner):
        a = make_alliance(name="Twin A", partners=[make_partner("P1")])
        b = make_alliance(name="Twin B", partners=[make_partner("P2")])
        assess_now(a, "quick", QUICK_STRONG)
        assess_now(b, "quick", QUICK_STRONG)
        response = client.get(url(a, b))
        assert response.status_code == 200
        page = response.content.decode()
        assert "They tie" in page
        table = page.split('class="ranking"', 1)[1].split("</table>", 1)[0]
        assert table.count('<td class="num"><strong>1</strong></td>') == 2 and "nan" not in table.lower()
        assert "stay tied for the lead" in page

    def test_query_count_does_not_grow_with_the_number_compared(self, client, make_alliance, make_partner):
        alliances = []
        for n in range(8):
            alliance = make_alliance(name=f"Alliance {n}", partners=[make_partner(f"Partner {n}")])
            assess_now(alliance, "quick", BOLD if n % 2 else CAREFUL)
            alliances.append(alliance)

        def count(items):
            client.get(url(*items))  # warm caches (templates, pymcdm import)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(*items)).status_code == 200
            return len(queries)

        assert count(alliances[:2]) == count(alliances)


@pytest.mark.django_db
class TestComparePartners:
    def test_partners_are_compared_on_their_latest_assessment(self, client, pair, make_partner):
        bold, careful = pair
        gorilla, steady = bold.partners.get(), careful.partners.get()
        unassessed = make_partner("Nobody Yet")
        page = client.get(f"/compare/partners/?ids={gorilla.pk}&ids={steady.pk}&ids={unassessed.pk}&risk=100").content.decode()
        assert "most recent completed assessment" in page  # the rule is on the page
        side = page.split("Side by side", 1)[1].split("</table>", 1)[0]
        assert "Gorilla Corp" in side and "Steady Inc" in side and "Nobody Yet" in side
        assert "Bold Gorilla Deal" in side  # where the scores come from
        assert ranking_order(page) == ["Steady Inc", "Gorilla Corp"]
        assert "Nobody Yet</strong> (not assessed yet)" in page

    def test_an_assessment_about_another_consortium_member_is_not_borrowed(self, client, make_alliance, make_partner):
        lead, other = make_partner("Lead Partner"), make_partner("Other Member")
        consortium = make_alliance(name="Consortium", partners=[lead, other])
        assess_now(consortium, "quick", BOLD, partner=lead)
        page = client.get(f"/compare/partners/?ids={lead.pk}&ids={other.pk}").content.decode()
        side = page.split("Side by side", 1)[1].split("</table>", 1)[0]
        assert "about this partner" in side
        assert "Other Member</strong> (not assessed yet)" in page

    def test_partner_query_count_is_constant(self, client, make_alliance, make_partner):
        partners = []
        for n in range(6):
            partner = make_partner(f"Partner {n}")
            assess_now(make_alliance(name=f"Alliance {n}", partners=[partner]), "quick", BOLD if n % 2 else CAREFUL)
            partners.append(partner)

        def count(items):
            path = "/compare/partners/?" + "&".join(f"ids={p.pk}" for p in items)
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            return len(queries)

        assert count(partners[:2]) == count(partners)
