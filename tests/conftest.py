import os

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

QUICK_STRONG = {
    "quick.customer_need": 5, "quick.unique_offering": 4, "quick.route_to_market": "partner_channel",
    "quick.sme_value_to_mnc": 4, "quick.mnc_motive": ["technology_absorption"], "quick.mnc_value_to_sme": 5,
    "quick.local_autonomy": 2, "quick.dependence": 2, "quick.ip_exposure": 2, "quick.acquisition": 2,
    "quick.partner_track_record": 4, "quick.written_commitment_stage": "signed",
}


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def touches_the_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(DB_FIXTURES & set(item.fixturenames))


def pytest_collection_modifyitems(config, items):
    """With DANCECARD_DB_TESTS_ONLY set (the PostgreSQL pass of scripts/test), run exactly the
    tests that touch the database: found from their fixtures and markers, not from a list."""
    if not os.environ.get("DANCECARD_DB_TESTS_ONLY"):
        return
    keep = [item for item in items if touches_the_database(item)]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def workspace(db):
    from dancecard.workspaces.current import local_workspace

    return local_workspace()


def make_user(username: str):
    from django.contrib.auth import get_user_model

    # No password: hashing one costs a third of a second, and these users sign in with force_login.
    return get_user_model().objects.create_user(username=username, email=f"{username}@example.org")


def make_member(workspace, username: str, role: str):
    from dancecard.workspaces.models import Membership

    user = make_user(username)
    Membership.objects.create(workspace=workspace, user=user, role=role)
    return user


@pytest.fixture
def alice(workspace):
    """The workspace's owner."""
    return make_member(workspace, "alice", "owner")


@pytest.fixture
def bob(workspace):
    """A viewer in the same workspace: reads everything, changes nothing."""
    return make_member(workspace, "bob", "viewer")


@pytest.fixture
def charlie(outsider):
    """The owner of another workspace: must never see anything of alice's."""
    return make_member(outsider["workspace"], "charlie", "owner")


@pytest.fixture
def client(alice):
    """A browser signed in as alice, the workspace's owner (pages' tests act as her unless they say otherwise)."""
    from django.test import Client

    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def anonymous_client(db):
    from django.test import Client

    return Client()


@pytest.fixture
def outsider(db):
    """Another organisation's workspace, with a partner and an alliance nobody else may see."""
    from dancecard.portfolio.models import Alliance, Partner
    from dancecard.portfolio.services import save_alliance
    from dancecard.workspaces.models import Workspace

    other = Workspace.objects.create(name="Other firm", slug="other")
    partner = Partner.objects.create(workspace=other, name="Secret Corp")
    alliance = save_alliance(Alliance(workspace=other, name="Secret alliance", purpose="Confidential"), [partner])
    return {"workspace": other, "partner": partner, "alliance": alliance}


@pytest.fixture
def make_partner(workspace):
    from dancecard.portfolio.models import Partner

    def make(name="Microsoft", **fields):
        return Partner.objects.create(workspace=workspace, name=name, **fields)

    return make


@pytest.fixture
def make_alliance(workspace, make_partner):
    from dancecard.portfolio.models import Alliance
    from dancecard.portfolio.services import save_alliance

    def make(name="Skelta ISV programme", partners=None, **fields):
        fields.setdefault("purpose", "Sell our workflow engine through the partner's channel.")
        return save_alliance(Alliance(workspace=workspace, name=name, **fields), partners or [make_partner()])

    return make


@pytest.fixture
def assessed_alliance(make_alliance):
    from dancecard.assessments.services import assess_now

    alliance = make_alliance()
    assess_now(alliance, "quick", QUICK_STRONG, respondent="Ann")
    alliance.refresh_from_db()
    return alliance
