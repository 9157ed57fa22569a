import re

import pytest

pytestmark = pytest.mark.django_db


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
        }

    def test_choice_fields_list_their_allowed_values(self, document):
        fields = document["components"]["schemas"]["AllianceIn"]["properties"]
        assert set(fields["stage"]["enum"]) == {"prospect", "assessing", "negotiating", "committed", "active", "ended"}
        assert "" in fields["form"]["enum"] and "joint_venture" in fields["form"]["enum"]
        assert set(document["components"]["schemas"]["AllianceIn"]["required"]) == {"name", "purpose", "partner_ids"}

    def test_creating_an_assessment_documents_201_404_and_422(self, document):
        responses = document["paths"]["/api/alliances/{alliance_id}/assessments"]["post"]["responses"]
        assert {"201", "404", "422"} <= set(responses)


class TestDocsPage:
    def test_it_loads_swagger_ui_from_this_server_only(self, client):
        response = client.get("/api/docs")
        assert response.status_code == 200
        html = response.content.decode()
        urls = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert urls and all(url.startswith("/static/") for url in urls), urls
        assert "cdn" not in html.lower() and "//" not in "".join(urls)

    def test_the_swagger_assets_are_served(self, client):
        html = client.get("/api/docs").content.decode()
        for url in re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html):
            assert client.get(url).status_code == 200, url
