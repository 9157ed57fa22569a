from pathlib import Path

import pytest
import yaml
from django.test import Client

from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.workspaces.current import local_workspace
from dancecard.workspaces.models import Workspace

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "skelta-quick.yaml"


@pytest.fixture
def workspace(db):
    return local_workspace()


@pytest.fixture
def other_workspace(db):
    return Workspace.objects.create(name="Someone else", slug="someone-else")


@pytest.fixture
def partner(workspace):
    return Partner.objects.create(workspace=workspace, name="Microsoft India", headquarters_country="USA")


@pytest.fixture
def alliance(workspace, partner):
    alliance = Alliance.objects.create(workspace=workspace, name="BizSpark pilot", purpose="Reach Indian ISVs")
    AllianceMember.objects.create(workspace=workspace, alliance=alliance, partner=partner)
    return alliance


@pytest.fixture
def skelta_answers():
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["answers"]


def signed_in(user) -> Client:
    """A client signed in as `user` that holds no CSRF cookie yet (it has opened no page), checks on."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def browser_client(user) -> Client:
    """A client that, like a browser signed in on a Dancecard page, holds the CSRF cookie and checks are on."""
    client = signed_in(user)
    client.get("/partners/")  # any page sets the csrftoken cookie
    return client


@pytest.fixture
def api(workspace, alice):
    """JSON in, JSON out: api.post("/partners", {...}) → (status, body), sent as alice's browser on this site would."""
    client = browser_client(alice)
    token = client.cookies["csrftoken"].value

    class Api:
        def _call(self, method, path, data=None, **params):
            kwargs = {"content_type": "application/json", "HTTP_X_CSRFTOKEN": token} if data is not None else {}
            response = getattr(client, method)(f"/api{path}", data if data is not None else params, **kwargs)
            assert response["Content-Type"].startswith("application/json"), response.content[:300]
            return response.status_code, response.json()

        def get(self, path, **params):
            return self._call("get", path, **params)

        def post(self, path, data):
            return self._call("post", path, data)

        def patch(self, path, data):
            return self._call("patch", path, data)

    return Api()


def locs(body):
    """The error locations of a 422 body, as tuples."""
    return {tuple(error["loc"]) for error in body["detail"]}
