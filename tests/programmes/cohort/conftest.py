"""A programme (mona manager, andy analyst) and its member firms, made of real records: firms' workspaces,
partners, alliances at their stages, assessments, and each firm's participation with its consent."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.text import slugify

from dancecard.assessments.services import assess_now
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.programmes.models import Participation
from dancecard.workspaces.access import Access
from dancecard.workspaces.middleware import SESSION_KEY
from dancecard.workspaces.services import create_workspace
from tests.conftest import QUICK_STRONG, make_member, make_user


@pytest.fixture
def mona(db):
    return make_user("mona")


@pytest.fixture
def programme(mona):
    """A programme mona created (its manager), at the default k = 5."""
    return create_workspace(mona, "Scottish Bridging Initiative", "programme")


@pytest.fixture
def andy(programme):
    """An analyst of the programme: reads its cohort, changes nothing."""
    return make_member(programme, "andy", "analyst")


@pytest.fixture
def manager(programme, mona) -> Access:
    return Access(workspace=programme, role="manager", user=mona)


def browser(user, workspace) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = workspace.pk
    session.save()
    return client


@pytest.fixture
def mona_client(mona, programme) -> Client:
    return browser(mona, programme)


@pytest.fixture
def andy_client(andy, programme) -> Client:
    return browser(andy, programme)


# A weaker case: the subsidiary cannot decide, acquisition looms, nothing is written, one motive appealed to.
QUICK_WEAK = QUICK_STRONG | {"quick.local_autonomy": 5, "quick.acquisition": 5, "quick.written_commitment_stage": "none",
                             "quick.mnc_motive": ["corporate_citizenship"]}


def join_firm(programme, name: str, consent: str = "aggregates", alliances=(("active", "software", True),)):
    """A firm's workspace (its own owner), its partners "<name> partner N" and alliances "<name> deal N" at their
    stages (each partner in its sector; assessed: False, True for QUICK_STRONG, or the answers), a member of the programme with `consent`."""
    owner = make_user(f"owner-{slugify(name)}-{programme.pk}")
    firm = create_workspace(owner, name)
    for n, (stage, sector, assessed) in enumerate(alliances, start=1):
        partner = Partner.objects.create(workspace=firm, name=f"{name} partner {n}", sector=sector or "")
        alliance = save_alliance(Alliance(workspace=firm, name=f"{name} deal {n}", purpose="Grow", stage=stage),
                                 [partner])
        if assessed:
            assess_now(alliance, "quick", assessed if isinstance(assessed, dict) else QUICK_STRONG, respondent="Ann")
    participation = Participation.objects.create(workspace=programme, firm=firm, consent=consent)
    firm.owner, firm.participation = owner, participation
    return firm


@pytest.fixture
def join(programme):
    """join(name, consent, [(stage, partner sector, assessed), ...]) → the firm, a member of the programme."""

    def make(name: str, consent: str = "aggregates", alliances=(("active", "software", True),)):
        return join_firm(programme, name, consent, alliances)

    return make


@pytest.fixture
def cohort_of_twelve(join):
    """Twelve firms sharing anonymised aggregates: five with an active alliance (software, assessed), five with a
    prospect (finance, not assessed) and two negotiating (not assessed).

    Firms by the furthest stage: prospect 5 (shown: exactly k), negotiating 2 (fewer than 5), and so active 5 is
    hidden too (complementary suppression: else 12 - 5 - 5 would give the 2 away)."""
    firms = [join(f"Active firm {n}", alliances=[("active", "software", True)]) for n in range(1, 6)]
    firms += [join(f"Prospect firm {n}", alliances=[("prospect", "finance", False)]) for n in range(1, 6)]
    firms += [join(f"Talking firm {n}", alliances=[("negotiating", "", False)]) for n in range(1, 3)]
    return firms


@pytest.fixture
def mixed_cohort(join):
    """Five firms that show their alliances by name, six that share anonymised aggregates, two counts only and
    one hidden: names must appear only for the five."""
    named = [join(f"Named firm {n}", "named", [("active", "software", True)]) for n in range(1, 6)]
    quiet = [join(f"Quiet firm {n}", "aggregates",
                  [("active", "software", True)] + ([("prospect", "finance", QUICK_WEAK)] if n <= 3 else []))
             for n in range(1, 7)]
    counted = [join(f"Counted firm {n}", "counts", [("negotiating", "telecom", QUICK_WEAK)]) for n in range(1, 3)]
    hidden = [join("Hidden firm", "hidden", [("active", "software", True)])]
    return {"named": named, "quiet": quiet, "counted": counted, "hidden": hidden}


def secret_names(firms) -> list[str]:
    """Everything that names one of these firms or its records: the firm, its alliances, its partners."""
    names = [firm.name for firm in firms]
    for firm in firms:
        names += list(Alliance.objects.filter(workspace=firm).values_list("name", flat=True))
        names += list(Partner.objects.filter(workspace=firm).values_list("name", flat=True))
    return sorted(set(names))
