"""The demo programme `dancecard serve --demo` loads beside the demo portfolio (programmes/demo.py)."""

import pytest

from dancecard.assessments.models import Assessment
from dancecard.core.cohort import cells_of
from dancecard.core.disclosure import State
from dancecard.core.programme_fit import check_keys
from dancecard.core.sectors import match_sector
from dancecard.portfolio.demo import load_demo
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.programmes import demo
from dancecard.programmes.cohort.facts import cohort_for
from dancecard.programmes.models import Consent, Participation, PartnerProgramme, Programme
from dancecard.tracking.models import Commitment, Contact, HealthCheck, Interaction, NextStep, StageChange
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Kind, Membership, Role, Workspace
from tests.conftest import make_user


@pytest.fixture
def manager(workspace):
    user = make_user("local-owner")
    Membership.objects.create(workspace=workspace, user=user, role=Role.OWNER)
    return user


@pytest.fixture
def loaded(workspace, manager):
    load_demo(workspace)  # the demo portfolio first, as `dancecard serve --demo` does
    return demo.load_demo_programme(manager)


def demo_firms(programme):
    return Workspace.objects.filter(participations__workspace=programme, slug__startswith="demo-programme-firm-")


def snapshot():
    """Everything the load writes, counted, with every workspace's version."""
    models = [Workspace, Membership, Programme, Participation, PartnerProgramme, Partner, Alliance, AllianceMember,
              Assessment, StageChange, Contact, Interaction, NextStep, Commitment, HealthCheck,
              Participation.history.model, Alliance.history.model]
    return ({m.__name__: m.objects.count() for m in models},
            dict(Workspace.objects.values_list("pk", "version")))


@pytest.mark.django_db
class TestLoading:
    def test_the_programme_its_manager_its_firms_and_partner_programmes(self, workspace, manager, loaded):
        assert loaded.kind == Kind.PROGRAMME and loaded.name == "Tayside Technology Bridge (demo)"
        assert Membership.objects.get(workspace=loaded).user == manager
        assert Membership.objects.get(workspace=loaded).role == Role.MANAGER
        assert loaded.programme.min_firms == 5 and "STAC" in loaded.programme.about
        firms = list(demo_firms(loaded))
        assert len(firms) == len(demo.FIRMS) == 24
        assert all(f.kind == Kind.FIRM and f.name.endswith("(demo)") for f in firms)
        assert not Membership.objects.filter(workspace__in=firms).exists()  # nobody signs in to a demo firm
        consents = list(Participation.objects.filter(workspace=loaded, firm__in=firms)
                        .values_list("consent", flat=True))
        assert consents.count(Consent.AGGREGATES) > len(consents) / 2
        assert 1 <= consents.count(Consent.HIDDEN) <= 2
        assert consents.count(Consent.COUNTS) >= 2 and consents.count(Consent.NAMED) >= 2
        counts = [Alliance.objects.filter(workspace=f).count() for f in firms]
        assert max(counts) <= 6 and len(set(counts)) >= 4
        stages = set(Alliance.objects.filter(workspace__in=firms).values_list("stage", flat=True))
        assert stages == {"prospect", "assessing", "negotiating", "committed", "active", "ended"}
        # A few were committed and then ended: their dated path says so.
        ended_after_commitment = Alliance.objects.filter(workspace__in=firms, stage="ended",
                                                         stage_changes__stage="committed").distinct()
        assert ended_after_commitment.exists()
        instruments = set(Assessment.objects.filter(workspace__in=firms, status="complete")
                          .values_list("instrument_name", flat=True))
        assert instruments == {"quick", "full"}
        assert all(a.current_assessment.is_complete for a in Alliance.objects.filter(
            workspace__in=firms, current_assessment__isnull=False).select_related("current_assessment"))
        partner_programmes = list(PartnerProgramme.objects.filter(workspace=loaded))
        assert len(partner_programmes) == 3 and len({p.kind for p in partner_programmes}) == 3
        for p in partner_programmes:
            check_keys(p.motives, p.assets)  # vocabulary keys of groups motive and asset
            assert p.motives and p.assets and "(demo)" in p.name
        # The partners' sectors: every OECD sector of Sakai's tables, and some outside them.
        sectors = {getattr(match_sector(s), "key", None)
                   for s in Partner.objects.filter(workspace__in=firms).values_list("sector", flat=True)}
        assert {"software", "telecommunications", "pharmaceuticals", "computer_services", "wholesale",
                "finance"} <= sectors
        assert None in sectors

    def test_a_second_load_changes_nothing(self, manager, loaded):
        before = snapshot()
        assert demo.load_demo_programme(manager) is None
        assert snapshot() == before

    def test_the_local_firm_is_a_named_member_and_its_owner_sees_both_sides(self, workspace, manager, loaded):
        participation = Participation.objects.get(workspace=loaded, firm=workspace, left__isnull=True)
        assert participation.consent == Consent.NAMED
        assert set(Membership.objects.filter(user=manager).values_list("workspace_id", flat=True)) == {
            workspace.pk, loaded.pk}
        view = cohort_for(Access(workspace=loaded, role=Role.MANAGER, user=manager))
        local_names = {n.alliance for n in view.named if n.firm == workspace.name}
        assert local_names == set(Alliance.objects.filter(workspace=workspace).values_list("name", flat=True))
        assert "Skelta × Microsoft India: ISV partner programme" in local_names


@pytest.mark.django_db
class TestTheCohort:
    def test_most_figures_show_and_some_are_fewer_than_k_firms(self, manager, loaded):
        view = cohort_for(Access(workspace=loaded, role=Role.MANAGER, user=manager))
        states = [cell.state for _, _, cell in cells_of(view.cohort)]
        shown, suppressed = states.count(State.SHOWN), states.count(State.SUPPRESSED)
        assert shown >= 1 and suppressed >= 1
        assert shown > suppressed
        assert view.cohort.min_firms == 5
        # The funnel shows whole, and a conversion to a formal linkage can be read.
        assert all(c.state != State.SUPPRESSED for c in view.cohort.funnel.cells)
        assert view.cohort.formal_share is not None
        # Some help the programme could give rests on enough firms to show.
        assert any(h.share is not None for h in view.cohort.help)
        assert any(c.shown for c in view.cohort.signals.cells)

    def test_the_hidden_firm_is_not_counted_and_counts_only_firms_give_no_verdicts(self, workspace, manager, loaded):
        view = cohort_for(Access(workspace=loaded, role=Role.MANAGER, user=manager))
        sharing = Participation.objects.filter(workspace=loaded, left__isnull=True).exclude(consent=Consent.HIDDEN)
        assert view.cohort.members.value == sharing.count()
        detailed = sharing.filter(consent__in=[Consent.AGGREGATES, Consent.NAMED]).values_list("firm_id", flat=True)
        # Verdicts: the assessed alliances of the firms that share aggregates or names, no other.
        assert view.cohort.verdicts.total.value == Alliance.objects.filter(
            workspace_id__in=detailed, current_assessment__isnull=False).count()
        named_firms = {n.firm for n in view.named}
        hidden_or_counts = Participation.objects.filter(workspace=loaded, consent__in=[Consent.HIDDEN, Consent.COUNTS])
        assert not named_firms & {p.firm.name for p in hidden_or_counts}


@pytest.mark.django_db
def test_each_demo_firms_records_stay_in_its_own_workspace(loaded):
    for firm in demo_firms(loaded):
        alliances = Alliance.objects.filter(workspace=firm)
        ids = list(alliances.values_list("pk", flat=True))
        for model in (AllianceMember, Assessment, StageChange, Contact, Interaction, NextStep, Commitment, HealthCheck):
            assert set(model.objects.filter(alliance_id__in=ids).values_list("workspace_id", flat=True)) <= {firm.pk}
        assert set(AllianceMember.objects.filter(alliance_id__in=ids).values_list("partner__workspace_id", flat=True)) \
            <= {firm.pk}
        assert set(Contact.objects.filter(alliance_id__in=ids, partner__isnull=False)
                   .values_list("partner__workspace_id", flat=True)) <= {firm.pk}
        for through in (Interaction.ours.through, Interaction.theirs.through):
            pairs = through.objects.filter(interaction__alliance_id__in=ids)
            assert all(p.contact.alliance_id == p.interaction.alliance_id for p in pairs.select_related(
                "contact", "interaction"))
        assert not Alliance.objects.filter(pk__in=ids).exclude(workspace=firm).exists()


@pytest.mark.django_db
def test_serve_loads_it_beside_the_portfolio_once(workspace, capsys):
    from dancecard.cli.serve import load_demo_if_empty

    load_demo_if_empty()
    said = capsys.readouterr().err
    assert "Loaded the demo portfolio" in said
    assert 'Loaded the demo programme "Tayside Technology Bridge (demo)"' in said and "Workspaces" in said
    programme = demo.demo_programme()
    assert Membership.objects.get(workspace=programme).role == Role.MANAGER
    assert Participation.objects.get(workspace=programme, firm=workspace).consent == Consent.NAMED
    load_demo_if_empty()
    again = capsys.readouterr().err
    assert "demo programme" not in again and Workspace.objects.filter(slug=demo.SLUG).count() == 1


@pytest.mark.django_db
def test_the_manager_sees_it_on_the_cohort_page(client, workspace, manager, loaded):
    client.force_login(manager)
    client.post(f"/workspaces/{loaded.pk}/switch/")
    page = client.get("/programme/").content.decode()
    assert "fewer than 5 firms" in page
    assert "Sidlaw Robotics (demo)" in page and "Skelta" in page  # named firms' alliances, the local firm's too
    assert "Brechin Ledger" not in page and "Lunan Biologics" not in page  # hidden; counts only
