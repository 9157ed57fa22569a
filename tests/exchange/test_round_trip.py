"""A JSON export is lossless: export → import → export gives the same file."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancecard.exchange.exporting import export_alliance, export_workspace
from dancecard.exchange.importing import import_document, read_document
from dancecard.exchange.schema import encode
from dancecard.portfolio.demo import load_demo
from dancecard.portfolio.models import Alliance
from tests.exchange.builders import build_workspace, new_workspace, wipe


def same_file(first, second) -> bool:
    second.exported = first.exported  # the moment of export is the one field allowed to differ
    return encode(first) == encode(second)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_export_import_export_is_identical(data):
    source = build_workspace(data)
    first = export_workspace(source)
    wipe(source)  # as when restoring a backup on a new machine: the private links are free again
    target = new_workspace()
    import_document(target, read_document(encode(first)))
    assert same_file(first, export_workspace(target))


@pytest.mark.django_db
def test_the_demo_portfolio_comes_back_exactly(workspace):
    load_demo(workspace)
    first = export_workspace(workspace)
    assert len(first.alliances) == 5 and len(first.assessments) >= 5
    wipe(workspace)
    target = new_workspace()
    summary = import_document(target, read_document(encode(first)))
    assert (summary.alliances, summary.partners) == (len(first.alliances), len(first.partners))
    assert same_file(first, export_workspace(target))
    restored = Alliance.objects.get(workspace=target, name__startswith="Skelta")
    assert restored.current_assessment.result == next(
        s.result for s in first.assessments if s.ref == next(
            a.current_assessment for a in first.alliances if a.name == restored.name))


@pytest.mark.django_db
def test_an_alliance_export_holds_only_that_alliance_and_its_partners(workspace):
    load_demo(workspace)
    skelta = Alliance.objects.get(workspace=workspace, name__startswith="Skelta")
    document = export_alliance(skelta)
    assert document.scope == "alliance"
    assert [a.name for a in document.alliances] == [skelta.name]
    assert [p.name for p in document.partners] == [p.name for p in skelta.partners.all()]
    assert {s.alliance for s in document.assessments} == {"alliance-1"}
    assert len(document.assessments) == skelta.assessments.count()


@pytest.mark.django_db
def test_team_rounds_come_back_with_their_private_links_and_consensus(assessed_alliance):
    from dancecard.assessments.services import save_answers
    from dancecard.rounds.models import Respondent
    from dancecard.rounds.services import close_round, open_round, submit
    from tests.conftest import QUICK_STRONG

    closed = open_round(assessed_alliance, "quick", ["Ann", "Bo"], title="Before signing")
    for respondent in closed.respondents.all():
        save_answers(respondent.assessment, QUICK_STRONG | {"quick.dependence": 4 if respondent.name == "Bo" else 1})
        submit(respondent)
    close_round(closed)
    still_open = open_round(assessed_alliance, "full", ["Chen", "Dee"])
    tokens = sorted(Respondent.objects.values_list("token", flat=True))

    first = export_workspace(assessed_alliance.workspace)
    wipe(assessed_alliance.workspace)
    target = new_workspace()
    import_document(target, read_document(encode(first)))

    assert sorted(Respondent.objects.filter(workspace=target).values_list("token", flat=True)) == tokens
    restored = Alliance.objects.get(workspace=target)
    assert restored.current_assessment.respondent.startswith("Team consensus")
    assert restored.rounds.get(title="Before signing").consensus == restored.current_assessment
    assert restored.rounds.filter(status="open").count() == 1 and still_open.pk is not None
    assert same_file(first, export_workspace(target))
