import pytest

from dancecard.portfolio.models import Alliance, AllianceMember, Partner

from .conftest import locs

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_partner(workspace):
    return Partner.objects.create(workspace=workspace, name="Accenture")


class TestCreateAlliance:
    def test_it_is_created_with_its_partners_stage_and_iso_stage(self, api, workspace, partner, second_partner):
        status, body = api.post("/alliances", {
            "name": "RFID pilot", "purpose": "Trace wine shipments", "partner_ids": [partner.pk, second_partner.pk],
            "form": "joint_development", "stage": "assessing", "owner": "Ana",
        })
        assert status == 201
        assert body["stage"] == "assessing" and body["iso_stage"].startswith("ISO 44001 stage 3")
        assert body["form"] == "joint_development" and body["form_label"] == "Joint development"
        assert {p["id"] for p in body["partners"]} == {partner.pk, second_partner.pk}
        assert body["consortium"] is True and body["current"] is None and body["assessments"] == []
        alliance = Alliance.objects.get(pk=body["id"])
        assert alliance.workspace == workspace and alliance.owner == "Ana"
        assert set(alliance.partners.all()) == {partner, second_partner}

    def test_stage_and_form_have_defaults(self, api, partner):
        status, body = api.post("/alliances", {"name": "A", "purpose": "B", "partner_ids": [partner.pk]})
        assert status == 201 and body["stage"] == "prospect" and body["form"] == "" and body["consortium"] is False

    def test_a_partner_listed_twice_counts_once(self, api, partner):
        status, body = api.post("/alliances", {"name": "A", "purpose": "B", "partner_ids": [partner.pk, partner.pk]})
        assert status == 201 and len(body["partners"]) == 1

    @pytest.mark.parametrize("change, loc", [
        ({"name": None}, ("body", "name")),
        ({"name": " "}, ("body", "name")),
        ({"purpose": ""}, ("body", "purpose")),
        ({"partner_ids": []}, ("body", "partner_ids")),
        ({"partner_ids": None}, ("body", "partner_ids")),
        ({"partner_ids": ["abc"]}, ("body", "partner_ids", 0)),
        ({"partner_ids": [2**70]}, ("body", "partner_ids", 0)),
        ({"stage": "dating"}, ("body", "stage")),
        ({"form": "marriage"}, ("body", "form")),
    ])
    def test_a_bad_payload_is_a_422_naming_the_field_and_writes_nothing(self, api, partner, change, loc):
        payload = {"name": "A", "purpose": "B", "partner_ids": [partner.pk], **change}
        payload = {k: v for k, v in payload.items() if v is not None}
        status, body = api.post("/alliances", payload)
        assert status == 422 and loc in locs(body)
        assert not Alliance.objects.exists()

    def test_an_unknown_partner_id_is_named_and_nothing_is_written(self, api, partner, other_workspace):
        theirs = Partner.objects.create(workspace=other_workspace, name="Not yours")
        status, body = api.post("/alliances", {"name": "A", "purpose": "B",
                                               "partner_ids": [partner.pk, 999999, theirs.pk]})
        assert status == 422
        assert locs(body) == {("body", "partner_ids", 1), ("body", "partner_ids", 2)}
        messages = " ".join(error["msg"] for error in body["detail"])
        assert "999999" in messages and str(theirs.pk) in messages and "Not yours" not in messages
        assert not Alliance.objects.exists() and not AllianceMember.objects.exists()


class TestReadAlliances:
    def test_the_list_can_be_filtered_by_stage(self, api, workspace, alliance, partner):
        active = Alliance.objects.create(workspace=workspace, name="Live one", purpose="x", stage="active")
        AllianceMember.objects.create(workspace=workspace, alliance=active, partner=partner)
        _, everything = api.get("/alliances")
        assert [a["name"] for a in everything] == ["BizSpark pilot", "Live one"]
        status, body = api.get("/alliances", stage="active")
        assert status == 200 and [a["id"] for a in body] == [active.pk]

    def test_an_unknown_stage_filter_is_a_422(self, api, workspace):
        status, body = api.get("/alliances", stage="dating")
        assert status == 422 and ("query", "stage") in locs(body)

    def test_the_list_holds_only_this_workspaces_alliances(self, api, alliance, other_workspace):
        Alliance.objects.create(workspace=other_workspace, name="Hidden", purpose="x")
        _, body = api.get("/alliances")
        assert [a["name"] for a in body] == ["BizSpark pilot"]

    def test_an_alliance_shows_partners_stage_and_assessments(self, api, alliance, partner):
        status, body = api.get(f"/alliances/{alliance.pk}")
        assert status == 200
        assert body["partners"] == [{"id": partner.pk, "name": "Microsoft India", "role": ""}]
        assert body["stage"] == "prospect" and "ISO 44001" in body["iso_stage"]
        assert body["current"] is None and body["assessments"] == []

    def test_unknown_and_foreign_alliances_are_404(self, api, workspace, other_workspace):
        theirs = Alliance.objects.create(workspace=other_workspace, name="Hidden", purpose="x")
        assert api.get("/alliances/999999")[0] == 404
        assert api.get(f"/alliances/{theirs.pk}")[0] == 404


class TestUpdateAlliance:
    def test_the_stage_moves_and_the_rest_stays(self, api, alliance):
        status, body = api.patch(f"/alliances/{alliance.pk}", {"stage": "negotiating"})
        assert status == 200 and body["stage"] == "negotiating" and body["iso_stage"].startswith("ISO 44001 stage 4")
        alliance.refresh_from_db()
        assert alliance.stage == "negotiating" and alliance.name == "BizSpark pilot"

    def test_partner_ids_replace_the_partners(self, api, alliance, partner, second_partner):
        status, body = api.patch(f"/alliances/{alliance.pk}", {"partner_ids": [second_partner.pk]})
        assert status == 200 and [p["id"] for p in body["partners"]] == [second_partner.pk]
        assert list(alliance.partners.all()) == [second_partner]

    @pytest.mark.parametrize("payload, loc", [
        ({"stage": "dating"}, ("body", "stage")),
        ({"stage": None}, ("body", "stage")),
        ({"name": ""}, ("body", "name")),
        ({"partner_ids": []}, ("body", "partner_ids")),
        ({"partner_ids": [999999]}, ("body", "partner_ids", 0)),
    ])
    def test_a_bad_change_is_a_422_and_changes_nothing(self, api, alliance, partner, payload, loc):
        status, body = api.patch(f"/alliances/{alliance.pk}", payload)
        assert status == 422 and loc in locs(body)
        alliance.refresh_from_db()
        assert alliance.stage == "prospect" and alliance.name == "BizSpark pilot"
        assert list(alliance.partners.all()) == [partner]

    def test_another_workspaces_alliance_cannot_be_changed(self, api, workspace, other_workspace):
        theirs = Alliance.objects.create(workspace=other_workspace, name="Hidden", purpose="x")
        assert api.patch(f"/alliances/{theirs.pk}", {"stage": "ended"})[0] == 404
        theirs.refresh_from_db()
        assert theirs.stage == "prospect"


class TestListCost:
    def test_listing_takes_as_many_queries_for_twenty_alliances_as_for_two(self, client, workspace, partner,
                                                                         django_assert_max_num_queries):
        def add(count):
            for n in range(count):
                alliance = Alliance.objects.create(workspace=workspace, name=f"A{n}", purpose="x")
                AllianceMember.objects.create(workspace=workspace, alliance=alliance, partner=partner)

        add(2)
        with django_assert_max_num_queries(6) as small:
            client.get("/api/alliances")
        add(18)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert len(client.get("/api/alliances").json()) == 20
