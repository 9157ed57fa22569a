"""The Data page: downloads, and imports that either succeed whole or show what is wrong."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dancecard.exchange.exporting import export_workspace
from dancecard.exchange.schema import encode
from dancecard.portfolio.models import Alliance
from tests.exchange.builders import wipe

pytestmark = pytest.mark.django_db


def test_the_data_page_offers_every_download(client, workspace):
    page = client.get(reverse("exchange")).content.decode()
    for name, args in [("export_workspace", []), ("export_answers", ["csv"]), ("export_answers", ["xlsx"])]:
        assert reverse(name, args=args) in page


def test_the_workspace_backup_downloads_as_an_export(client, assessed_alliance):
    response = client.get(reverse("export_workspace"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="dancecard-local-')
    document = json.loads(response.content)
    assert document["format"] == "dancecard.export/1" and document["alliances"][0]["name"] == assessed_alliance.name


@pytest.mark.parametrize("extension, content_type", [("csv", "text/csv"), ("xlsx", "application/vnd.openxml")])
def test_alliance_answers_download(client, assessed_alliance, extension, content_type):
    response = client.get(reverse("export_alliance_answers", args=[assessed_alliance.pk, extension]))
    assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
    assert f'-answers-' in response["Content-Disposition"] and response["Content-Disposition"].endswith(f'.{extension}"')


def test_another_workspaces_alliance_is_not_found(client, workspace, outsider):
    pk = outsider["alliance"].pk
    assert client.get(reverse("export_alliance", args=[pk])).status_code == 404
    assert client.get(reverse("export_alliance_answers", args=[pk, "csv"])).status_code == 404
    assert client.get(f"/alliances/{pk}/answers.pdf").status_code == 404


def test_the_alliance_page_links_its_exports(client, assessed_alliance):
    page = client.get(assessed_alliance.get_absolute_url()).content.decode()
    assert reverse("export_alliance", args=[assessed_alliance.pk]) in page


def rejoin(user) -> None:
    """The user owns a new, empty local workspace (the old one was wiped)."""
    from dancecard.workspaces.current import local_workspace
    from dancecard.workspaces.models import Membership

    Membership.objects.create(workspace=local_workspace(), user=user, role="owner")


def test_a_backup_restores_through_the_page(client, alice, assessed_alliance):
    backup = encode(export_workspace(assessed_alliance.workspace))
    wipe(assessed_alliance.workspace)
    rejoin(alice)
    response = client.post(reverse("exchange"), {"file": SimpleUploadedFile("backup.json", backup)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Imported 1 alliance(s)" in response.content.decode()
    assert Alliance.objects.get().name == assessed_alliance.name


def test_a_bad_file_shows_its_problems_and_changes_nothing(client, alice, assessed_alliance):
    document = json.loads(encode(export_workspace(assessed_alliance.workspace)))
    document["alliances"][0]["stage"] = "dancing"
    wipe(assessed_alliance.workspace)
    rejoin(alice)
    response = client.post(reverse("exchange"), {"file": SimpleUploadedFile("x.json", json.dumps(document).encode())})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page and "Value &#x27;dancing&#x27; is not a valid choice" in page
    assert not Alliance.objects.exists()


def test_posting_without_a_file_asks_for_one(client, workspace):
    response = client.post(reverse("exchange"), {})
    assert response.status_code == 400 and "This field is required" in response.content.decode()


@pytest.mark.parametrize("url", ["/data/workspace.json", "/data/answers.csv", "/data/answers.xlsx"])
def test_downloads_are_never_cached(client, assessed_alliance, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("name, args", [("export_alliance", []), ("export_alliance_answers", ["csv"]),
                                         ("export_alliance_answers", ["xlsx"])])
def test_alliance_downloads_are_never_cached_either(client, assessed_alliance, name, args):
    response = client.get(reverse(name, args=[assessed_alliance.pk, *args]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"


def test_a_file_over_the_size_limit_gets_413_and_changes_nothing(client, alice, assessed_alliance, monkeypatch):
    from dancecard.exchange import importing

    backup = encode(export_workspace(assessed_alliance.workspace))
    wipe(assessed_alliance.workspace)
    rejoin(alice)
    monkeypatch.setattr(importing, "MAX_BYTES", len(backup) - 1)
    response = client.post(reverse("exchange"), {"file": SimpleUploadedFile("backup.json", backup)})
    assert response.status_code == 413 and "the most an import reads" in response.content.decode()
    assert not Alliance.objects.exists()


def test_a_file_nested_too_deeply_gets_400_with_a_message(client, workspace):
    deep = b'{"format": "dancecard.export/1", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post(reverse("exchange"), {"file": SimpleUploadedFile("deep.json", deep)})
    assert response.status_code == 400 and "levels deep" in response.content.decode()
    assert not Alliance.objects.exists()


@pytest.mark.parametrize("url", ["/data/answers.csv", "/data/answers.xlsx", "/data/workspace.json"])
def test_old_data_with_control_characters_still_downloads(client, assessed_alliance, url):
    from dancecard.assessments.models import Assessment
    from dancecard.portfolio.models import Partner

    Partner.objects.update(name="Micro\x01soft\u202e")  # not NUL: PostgreSQL cannot store it at all
    Alliance.objects.update(name="Sk\x07elta")
    Assessment.objects.update(answers={"quick.customer_need": {"value": 4, "note": "a\x0bb\x1f", "evidence": "\x7f"}},
                              respondent="A\x08nn")
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
