"""GET /api/programme/cohort: the cohort as codes and numbers, to a programme's staff only."""

import pytest
from django.test import Client

from dancecard.accounts.services import create_api_token
from dancecard.core.cohort import to_builtins
from dancecard.programmes.cohort.facts import cohort_for
from dancecard.workspaces.access import Access

pytestmark = pytest.mark.django_db


def with_token(access: Access) -> Client:
    _, secret = create_api_token(access, "script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_manager_gets_the_figures_as_codes_and_numbers(mona_client, programme, manager, cohort_of_twelve):
    response = mona_client.get("/api/programme/cohort")
    assert response.status_code == 200
    document = response.json()
    view = cohort_for(manager)
    assert document == {"on": view.on.isoformat(), "cohort": to_builtins(view.cohort), "named": []}
    funnel = {c["key"]: c for c in document["cohort"]["funnel"]["cells"]}
    assert funnel["prospect"] == {"key": "prospect", "state": "shown", "value": 5, "firms": 5}
    assert funnel["negotiating"] == {"key": "negotiating", "state": "suppressed", "value": None, "firms": None}
    assert funnel["active"]["state"] == "suppressed"  # complementary
    assert funnel["assessing"] == {"key": "assessing", "state": "empty", "value": 0, "firms": 0}


def test_an_analysts_token_reads_it_and_a_firms_token_or_session_meets_a_404(programme, andy, cohort_of_twelve):
    analyst = with_token(Access(workspace=programme, role="analyst", user=andy))
    assert analyst.get("/api/programme/cohort").status_code == 200
    firm = cohort_of_twelve[0]
    owner = with_token(Access(workspace=firm, role="owner", user=firm.owner))
    refused = owner.get("/api/programme/cohort")
    assert refused.status_code == 404 and "firm" in refused.json()["detail"]
    session = Client()
    session.force_login(firm.owner)
    assert session.get("/api/programme/cohort").status_code == 404
    assert Client().get("/api/programme/cohort").status_code == 401


def test_firm_operations_meet_a_404_with_a_programmes_token(programme, manager, cohort_of_twelve):
    client = with_token(manager)
    assert client.get("/api/alliances").status_code == 404
    assert client.get("/api/signals").status_code == 404


def test_the_openapi_document_describes_it(mona_client):
    document = mona_client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/programme/cohort"]["get"]
    assert {"200", "401", "403", "404"} <= set(operation["responses"])
    schema = document["components"]["schemas"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == \
        {"$ref": "#/components/schemas/CohortDocument"}
    assert schema["CellOut"]["properties"]["state"]["enum"] == ["shown", "suppressed", "empty"]
