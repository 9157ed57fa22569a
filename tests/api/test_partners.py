import pytest

from tests.api.conftest import signed_in

from dancecard.portfolio.models import Partner

from .conftest import locs

pytestmark = pytest.mark.django_db


class TestCreatePartner:
    def test_it_is_created_in_the_current_workspace(self, api, workspace):
        status, body = api.post("/partners", {"name": "  Siemens  ", "headquarters_country": "Germany",
                                              "revenues_musd": 84000.5, "autonomy": "medium"})
        assert status == 201
        assert body["name"] == "Siemens" and body["revenues_musd"] == 84000.5 and body["alliances"] == []
        partner = Partner.objects.get(pk=body["id"])
        assert partner.workspace == workspace and partner.autonomy == "medium"

    @pytest.mark.parametrize("payload, loc", [
        ({}, ("body", "name")),
        ({"name": ""}, ("body", "name")),
        ({"name": "   "}, ("body", "name")),
        ({"name": "x" * 201}, ("body", "name")),
        ({"name": "A", "autonomy": "total"}, ("body", "autonomy")),
        ({"name": "A", "proximity": "next door"}, ("body", "proximity")),
        ({"name": "A", "employees": -1}, ("body", "employees")),
        ({"name": "A", "revenues_musd": 1.25}, ("body", "revenues_musd")),
        ({"name": "A", "founded": "long ago"}, ("body", "founded")),
        ({"name": "A", "colour": "blue"}, ("body", "colour")),
    ])
    def test_a_bad_payload_is_a_422_naming_the_field_and_writes_nothing(self, api, payload, loc):
        status, body = api.post("/partners", payload)
        assert status == 422
        assert loc in locs(body) and all(error["msg"] for error in body["detail"])
        assert not Partner.objects.exists()

    def test_a_body_that_is_not_an_object_is_a_422(self, api):
        status, body = api.post("/partners", [1, 2])
        assert status == 422 and locs(body) == {("body",)}

    def test_every_bad_field_is_listed_at_once(self, api):
        status, body = api.post("/partners", {"name": "", "autonomy": "x", "employees": "many"})
        assert status == 422
        assert locs(body) == {("body", "name"), ("body", "autonomy"), ("body", "employees")}

    def test_a_body_that_is_not_json_is_a_4xx_not_a_500(self, api):
        status, _ = api.post("/partners", "{not json")
        assert 400 <= status < 500 and not Partner.objects.exists()

    def test_it_is_refused_without_a_csrf_token(self, alice, db):
        from django.test import Client

        response = signed_in(alice).post("/api/partners", {"name": "Oracle"},
                                                         content_type="application/json")
        assert response.status_code == 403 and not Partner.objects.filter(name="Oracle").exists()


class TestReadPartners:
    def test_the_list_holds_only_this_workspaces_partners(self, api, partner, other_workspace):
        Partner.objects.create(workspace=other_workspace, name="Hidden")
        status, body = api.get("/partners")
        assert status == 200 and [p["name"] for p in body] == ["Microsoft India"]

    def test_a_partner_lists_its_alliances(self, api, partner, alliance):
        status, body = api.get(f"/partners/{partner.pk}")
        assert status == 200
        assert body["alliances"] == [{"id": alliance.pk, "name": "BizSpark pilot"}]

    def test_an_unknown_id_is_a_404(self, api, workspace):
        status, body = api.get("/partners/999999")
        assert status == 404 and body["detail"]

    def test_another_workspaces_partner_is_a_404(self, api, workspace, other_workspace):
        theirs = Partner.objects.create(workspace=other_workspace, name="Not yours")
        status, body = api.get(f"/partners/{theirs.pk}")
        assert status == 404 and "Not yours" not in str(body)

    def test_a_non_numeric_id_is_a_422_naming_the_path_parameter(self, api, workspace):
        status, body = api.get("/partners/abc")
        assert status == 422 and ("path", "partner_id") in locs(body)

    def test_an_id_too_big_for_the_database_is_a_404(self, api, workspace):
        status, _ = api.get(f"/partners/{2**70}")
        assert status == 404


class TestUpdatePartner:
    def test_only_the_fields_given_change(self, api, partner):
        status, body = api.patch(f"/partners/{partner.pk}", {"sector": "Software", "employees": 200000})
        assert status == 200 and body["sector"] == "Software" and body["employees"] == 200000
        partner.refresh_from_db()
        assert partner.name == "Microsoft India" and partner.headquarters_country == "USA"
        assert partner.sector == "Software"

    def test_a_nullable_number_can_be_cleared(self, api, partner):
        api.patch(f"/partners/{partner.pk}", {"employees": 10})
        status, body = api.patch(f"/partners/{partner.pk}", {"employees": None})
        assert status == 200 and body["employees"] is None

    @pytest.mark.parametrize("payload, loc", [
        ({"name": ""}, ("body", "name")),
        ({"name": None}, ("body", "name")),
        ({"autonomy": "total"}, ("body", "autonomy")),
    ])
    def test_a_bad_change_is_a_422_and_changes_nothing(self, api, partner, payload, loc):
        status, body = api.patch(f"/partners/{partner.pk}", payload)
        assert status == 422 and loc in locs(body)
        partner.refresh_from_db()
        assert partner.name == "Microsoft India" and partner.autonomy == ""

    def test_another_workspaces_partner_cannot_be_changed(self, api, workspace, other_workspace):
        theirs = Partner.objects.create(workspace=other_workspace, name="Not yours")
        status, _ = api.patch(f"/partners/{theirs.pk}", {"name": "Mine now"})
        assert status == 404
        theirs.refresh_from_db()
        assert theirs.name == "Not yours"
