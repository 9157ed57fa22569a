"""Saves of one draft made at the same moment all keep their answers (issue 9, "lost updates").

Real concurrency: each save runs in its own thread with its own database connection, all released
at once by a barrier, each with the draft as it read it beforehand (as two browser tabs or two
autosaves do). The figures (sent vs stored) are printed; run with -s to see them.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import clear_answer, save_answers, start_assessment
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db(transaction=True)

ITEMS = list(QUICK_STRONG.items())


def run_at_once(assessment_pk: int, jobs) -> list[BaseException]:
    """Run each job(assessment) in its own thread and connection, all starting together."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def worker(job):
        try:
            mine = Assessment.objects.get(pk=assessment_pk)  # read before the others write
            barrier.wait(timeout=30)
            job(mine)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a save never finished"
    return errors


def saving(item_id, value):
    return lambda assessment: save_answers(assessment, {item_id: value})


@pytest.fixture
def new_draft(make_alliance):
    alliance = make_alliance()
    return lambda: start_assessment(alliance, "quick", respondent="Ann")


def test_twelve_concurrent_saves_of_different_items_keep_every_answer(new_draft):
    sent = stored = 0
    for _ in range(5):
        draft = new_draft()
        assert run_at_once(draft.pk, [saving(item, value) for item, value in ITEMS]) == []
        draft.refresh_from_db()
        sent += len(ITEMS)
        stored += len(set(draft.answers) & set(QUICK_STRONG))
    print(f"\n{len(ITEMS)} concurrent saves x 5 drafts: sent {sent}, stored {stored}")
    assert stored == sent


def test_paired_saves_never_lose_one(new_draft):
    trials, lost = 20, 0
    for trial in range(trials):
        draft = new_draft()
        (a, va), (b, vb) = ITEMS[trial % len(ITEMS)], ITEMS[(trial + 1) % len(ITEMS)]
        errors = run_at_once(draft.pk, [saving(a, va), saving(b, vb)])
        assert errors == []
        draft.refresh_from_db()
        lost += 2 - len(draft.answers)
    print(f"\npaired saves: {trials} trials, {2 * trials} sent, {2 * trials - lost} stored")
    assert lost == 0


def test_a_clear_beside_saves_removes_only_its_own_answer(new_draft):
    draft = new_draft()
    first_item, first_value = ITEMS[0]
    save_answers(draft, {first_item: first_value})
    jobs = [saving(item, value) for item, value in ITEMS[1:6]]
    jobs.append(lambda assessment: clear_answer(assessment, first_item))
    assert run_at_once(draft.pk, jobs) == []
    draft.refresh_from_db()
    assert sorted(draft.answers) == sorted(item for item, _ in ITEMS[1:6])


def test_the_callers_copy_shows_what_was_stored(new_draft):
    draft = new_draft()
    stale = Assessment.objects.get(pk=draft.pk)
    save_answers(draft, dict(ITEMS[:2]))
    save_answers(stale, dict(ITEMS[2:3]))
    assert sorted(stale.answers) == sorted(item for item, _ in ITEMS[:3])
