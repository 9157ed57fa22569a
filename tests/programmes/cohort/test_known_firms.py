"""A member firm one of the programme's staff belongs to counts as known by name for disclosure control.

Otherwise staff could run k - 1 firms of their own beside one real firm in a cell, and subtract
their own known answers to single that firm out."""

from __future__ import annotations

from dancecard.programmes.cohort.facts import cohort_for
from dancecard.workspaces.models import Membership, Role


def active_cell(manager):
    return next(c for c in cohort_for(manager).cohort.alliances_by_stage.cells if c.key == "active")


def test_five_anonymous_firms_show_but_four_beside_one_the_staff_run_do_not(join, manager, mona):
    firms = [join(f"Firm {n}") for n in range(1, 6)]
    assert active_cell(manager).shown and active_cell(manager).value == 5

    Membership.objects.create(workspace=firms[0], user=mona, role=Role.VIEWER)
    # Four anonymous firms are left in the cell: fewer than k, so the cell hides, on the next request.
    assert active_cell(manager).state == "suppressed"


def test_a_known_firm_is_not_listed_by_name_unless_it_agreed(join, manager, mona):
    firms = [join(f"Firm {n}") for n in range(1, 6)]
    Membership.objects.create(workspace=firms[0], user=mona, role=Role.OWNER)
    view = cohort_for(manager)
    assert view.named == [] and view.cohort.named == 0
