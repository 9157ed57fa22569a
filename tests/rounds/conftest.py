import pytest

from dancecard.rounds.models import Round


def answer(client, respondent, answers, submit=True):
    """Answer the quick instrument's three steps through the respondent's private link (and submit)."""
    for step in (1, 2, 3):
        client.post(f"/r/{respondent.token}/step/{step}/", answers)
    if submit:
        client.post(f"/r/{respondent.token}/submit/")
    respondent.refresh_from_db()


def signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def round_(client, make_alliance):
    """A round opened through the page by alice, with three respondents: Ann, Bob and Chen."""
    alliance = make_alliance()
    response = client.post(f"/alliances/{alliance.pk}/rounds/new/",
                           {"instrument": "quick@1.0", "names": "Ann\nBob\n\nChen ", "title": "Before signing"})
    round_ = Round.objects.get()
    assert response.url == f"/rounds/{round_.pk}/"
    return round_


@pytest.fixture
def closed_round(client, round_):
    """The round closed on Ann's and Bob's answers; Chen answered one question and did not submit."""
    ann, bob, chen = round_.respondents.all()
    answer(client, ann, {"quick.customer_need": "5", "quick.dependence": "1"})
    answer(client, bob, {"quick.customer_need": "3", "quick.dependence": "3"})
    answer(client, chen, {"quick.customer_need": "1"}, submit=False)
    client.post(f"/rounds/{round_.pk}/close/")
    round_.refresh_from_db()
    assert not round_.is_open
    return round_
