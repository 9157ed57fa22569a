import re

import pytest

from tests.api.conftest import browser_client, signed_in

pytestmark = pytest.mark.django_db
UNSAFE = {"post", "put", "patch", "delete"}


def schema_of(response):
    return response["content"]["application/json"]["schema"]


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


class TestOpenApiDocument:
    def test_it_lists_every_path_and_method(self, document):
        operations = {(path, method) for path, ops in document["paths"].items() for method in ops}
        assert operations >= {
            ("/api/instruments", "get"), ("/api/instruments/{name}", "get"),
            ("/api/partners", "get"), ("/api/partners", "post"),
            ("/api/partners/{partner_id}", "get"), ("/api/partners/{partner_id}", "patch"),
            ("/api/alliances", "get"), ("/api/alliances", "post"),
            ("/api/alliances/{alliance_id}", "get"), ("/api/alliances/{alliance_id}", "patch"),
            ("/api/alliances/{alliance_id}/assessments", "get"), ("/api/alliances/{alliance_id}/assessments", "post"),
            ("/api/assessments/{assessment_id}", "get"),
            ("/api/alliances/{alliance_id}/contacts", "get"), ("/api/alliances/{alliance_id}/contacts", "post"),
            ("/api/contacts/{contact_id}", "get"), ("/api/contacts/{contact_id}", "patch"),
            ("/api/alliances/{alliance_id}/interactions", "get"), ("/api/alliances/{alliance_id}/interactions", "post"),
            ("/api/interactions/{interaction_id}", "get"),
            ("/api/alliances/{alliance_id}/milestones", "get"), ("/api/alliances/{alliance_id}/milestones", "post"),
            ("/api/milestones/{milestone_id}", "get"), ("/api/milestones/{milestone_id}", "patch"),
            ("/api/milestones/{milestone_id}/postpone", "post"),
            ("/api/alliances/{alliance_id}/commitments", "get"), ("/api/alliances/{alliance_id}/commitments", "post"),
            ("/api/commitments/{commitment_id}", "get"), ("/api/commitments/{commitment_id}", "patch"),
            ("/api/alliances/{alliance_id}/signals", "get"), ("/api/signals", "get"),
            ("/api/alliances/{alliance_id}/health-checks", "get"),
        }

    def test_choice_fields_list_their_allowed_values(self, document):
        fields = document["components"]["schemas"]["AllianceIn"]["properties"]
        assert set(fields["stage"]["enum"]) == {"prospect", "assessing", "negotiating", "committed", "active", "ended"}
        assert "" in fields["form"]["enum"] and "joint_venture" in fields["form"]["enum"]
        assert set(document["components"]["schemas"]["AllianceIn"]["required"]) == {"name", "purpose", "partner_ids"}

    def test_creating_an_assessment_documents_201_403_404_415_and_422(self, document):
        responses = document["paths"]["/api/alliances/{alliance_id}/assessments"]["post"]["responses"]
        assert {"201", "403", "404", "415", "422"} <= set(responses)

    def test_every_write_documents_the_401_403_and_415_of_the_guard(self, document):
        writes = [(path, method, op) for path, ops in document["paths"].items()
                  for method, op in ops.items() if method in UNSAFE]
        assert len(writes) == 13
        for path, method, op in writes:
            unsigned, refused, not_json = (op["responses"].get(code) for code in ("401", "403", "415"))
            assert unsigned and refused and not_json, (method, path)
            assert schema_of(refused) == {"$ref": "#/components/schemas/Refusal"}, (method, path)
            assert schema_of(not_json) == {"$ref": "#/components/schemas/Message"}, (method, path)
            assert "X-CSRFToken" in refused["description"] and "viewers" in refused["description"]
            assert "application/json" in not_json["description"] and "Bearer" in unsigned["description"]

    def test_every_read_documents_401_and_403_but_no_415(self, document):
        for path, ops in document["paths"].items():
            for method, op in ops.items():
                if method not in UNSAFE:
                    assert {"401", "403"} <= set(op["responses"]), (method, path)
                    assert "415" not in op["responses"], (method, path)

    def test_the_csrf_refusal_is_documented_as_it_is_sent(self, alice, document, alliance):
        schema = document["components"]["schemas"]["Refusal"]
        body = signed_in(alice).patch(f"/api/alliances/{alliance.pk}", {"name": "x"},
                                      content_type="application/json").json()
        assert set(body) == set(schema["properties"]) and set(schema["required"]) == {"detail"}
        assert all(isinstance(value, str) for value in body.values())

    def test_a_role_refusal_is_documented_as_it_is_sent(self, document, alliance, bob):
        schema = document["components"]["schemas"]["Refusal"]
        client = browser_client(bob)
        response = client.patch(f"/api/alliances/{alliance.pk}", {"name": "x"}, content_type="application/json",
                                HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
        assert response.status_code == 403
        assert set(response.json()) <= set(schema["properties"]) and "viewer" in response.json()["detail"]

    def test_the_description_says_how_to_write(self, document):
        description = document["info"]["description"]
        for words in ("csrftoken", "X-CSRFToken", "403", "415", "application/json", "POST, PUT, PATCH, DELETE"):
            assert words in description, words


class TestDocsPage:
    def test_it_loads_swagger_ui_from_this_server_only(self, client):
        response = client.get("/api/docs")
        assert response.status_code == 200
        html = response.content.decode()
        urls = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert urls and all(url.startswith("/static/") for url in urls), urls
        assert "cdn" not in html.lower() and "//" not in "".join(urls)

    def test_it_carries_the_csrf_token_for_swagger_to_send(self, alice):
        from django.test import Client

        client = signed_in(alice)
        response = client.get("/api/docs")
        html = response.content.decode()
        assert 'data-api-csrf="true"' in html
        token = re.search(r'data-csrf-token="([^"]+)"', html)[1]
        assert client.cookies["csrftoken"].value  # the page set the cookie the token belongs with
        script = client.get("/static/ninja/swagger-ui-init.js")
        assert "X-CSRFToken" in b"".join(script.streaming_content if script.streaming else [script.content]).decode()
        # What "Try it out" then sends: the page's token in the header, the cookie alongside.
        sent = client.post("/api/partners", {"name": "From the docs"}, content_type="application/json",
                           HTTP_X_CSRFTOKEN=token)
        assert sent.status_code == 201

    def test_the_swagger_assets_are_served(self, client):
        html = client.get("/api/docs").content.decode()
        for url in re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html):
            assert client.get(url).status_code == 200, url


class TestTheDocumentDeclaresHowToSignIn:
    def test_every_operation_asks_for_the_bearer_scheme(self, document):
        schemes = document["components"]["securitySchemes"]
        (name, scheme), = schemes.items()
        assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                assert operation["security"] == [{name: []}], (method, path)


def test_an_unknown_api_path_answers_json(client):
    response = client.get("/api/instruments/..%2F..%2Fetc/passwd/x")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "/api/docs" in response.json()["detail"]
