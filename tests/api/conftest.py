from pathlib import Path

import pytest
import yaml

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


@pytest.fixture
def api(client):
    """JSON in, JSON out: api.post("/partners", {...}) → (status, body)."""

    class Api:
        def _call(self, method, path, data=None, **params):
            kwargs = {"content_type": "application/json"} if data is not None else {}
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
