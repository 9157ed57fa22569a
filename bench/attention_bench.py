"""Needs-attention benchmark: the /attention/ page (cold cache and warm) and an alliance page with a
1,000-alliance portfolio of 50 interactions each (plus contacts, milestones, commitments, next steps),
against a bare Django view rendering a trivial template, in the same run and process.

    .venv/bin/python bench/attention_bench.py [--alliances 1000] [--interactions 50] [--requests 50] [--cold 10]

Uses a throw-away SQLite database (set DANCECARD_DATABASE_URL to try PostgreSQL); prints medians and
query counts; asserts nothing. "Cold" is the first request after a change to the workspace (its cached
fragments retired); "warm" is every request after it, until the next change or the next day.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DANCECARD_DATA_DIR", tempfile.mkdtemp(prefix="dancecard-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "dancecard.web.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.decorators import login_not_required  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

TRIVIAL = engines["django"].from_string("<!doctype html><title>{{ title }}</title><p>Hello {{ name }}</p>")


@login_not_required
def bare_view(request):
    return HttpResponse(TRIVIAL.render({"title": "bare", "name": "world"}, request))


urlpatterns = [path("bare/", bare_view), path("", include("dancecard.web.urls"))]


def build_portfolio(count: int, per_alliance: int):
    """The portfolio, written with bulk_create (no per-row signals: the workspace version is bumped once)."""
    from django.contrib.auth import get_user_model

    from dancecard.core import timeline as t
    from dancecard.portfolio.models import Alliance, AllianceMember, Partner
    from dancecard.portfolio.stages import Stage
    from dancecard.tracking.models import Commitment, Contact, Interaction, Milestone, NextStep, StageChange
    from dancecard.workspaces.current import local_workspace
    from dancecard.workspaces.models import Membership, bump_version

    workspace = local_workspace()
    rng = random.Random(7)
    today = timezone.localdate()
    owners = ["Ann Hartley", "Raj Patel", "Mei Lin", "Tom Berg", ""]
    partners = Partner.objects.bulk_create(Partner(workspace=workspace, name=f"Partner {n}") for n in range(50))
    alliances = Alliance.objects.bulk_create(
        Alliance(workspace=workspace, name=f"Alliance {n:04}", purpose="Joint offering", owner=rng.choice(owners),
                 stage=rng.choice(Stage.values)) for n in range(count))
    Alliance.objects.filter(workspace=workspace).update(created=timezone.now() - timedelta(days=500))
    AllianceMember.objects.bulk_create(
        AllianceMember(workspace=workspace, alliance=a, partner=rng.choice(partners)) for a in alliances)
    StageChange.objects.bulk_create(
        StageChange(workspace=workspace, alliance=a, date=today - timedelta(days=rng.randint(30, 400)), stage=a.stage)
        for a in alliances)
    units = [u.value for u in t.Unit]
    contacts = Contact.objects.bulk_create(
        Contact(workspace=workspace, alliance=a, side="partner" if i else "ours", name=f"Person {a.pk}-{i}",
                unit=rng.choice(units) if i else "", level="manager",
                role=rng.choice(["champion", "sponsor", "none", "none"]),
                left=today - timedelta(days=20) if rng.random() < .05 else None)
        for a in alliances for i in range(4))
    Interaction.objects.bulk_create(
        (Interaction(workspace=workspace, alliance=a, date=today - timedelta(days=rng.randint(0, 720)),
                     kind=rng.choice([k.value for k in t.InteractionKind]),
                     terms_reopened=rng.random() < .01, cost_not_in_plan=rng.random() < .01,
                     decision_without_us=rng.random() < .01)
         for a in alliances for _ in range(per_alliance)), batch_size=5000)
    # Who met whom: the first three interactions of each alliance, with its first partner contact.
    through = Interaction.theirs.through
    first_contact = {c.alliance_id: c for c in reversed(contacts) if c.side == "partner"}
    through.objects.bulk_create(
        (through(interaction_id=i, contact_id=first_contact[a].pk)
         for i, a in Interaction.objects.filter(workspace=workspace).values_list("pk", "alliance_id")[: count * 3]),
        batch_size=5000)
    Milestone.objects.bulk_create(
        Milestone(workspace=workspace, alliance=a, title=f"Module {i}", due=today + timedelta(days=rng.randint(-60, 120)),
                  status=rng.choice(["planned", "planned", "postponed", "done"]),
                  value_if_stopped="A prototype" if rng.random() < .5 else "")
        for a in alliances for i in range(2))
    Commitment.objects.bulk_create(
        Commitment(workspace=workspace, alliance=a, kind=rng.choice(["mou", "contract", "nda"]),
                   status=rng.choice(["draft", "signed", "signed"]), started=today - timedelta(days=rng.randint(10, 500)),
                   expires=today + timedelta(days=rng.randint(-100, 400)))
        for a in alliances)
    NextStep.objects.bulk_create(
        NextStep(workspace=workspace, alliance=a, text="Call them", due=today + timedelta(days=rng.randint(-20, 30)))
        for a in alliances if rng.random() < .6)
    bump_version(workspace.pk)
    user = get_user_model().objects.create_user("bench", email="bench@example.org")
    Membership.objects.create(workspace=workspace, user=user, role="owner")
    return workspace, user, alliances[count // 2].pk


def timed(client: Client, url: str, requests: int, before=None) -> tuple[float, int]:
    """Median milliseconds of `requests` requests (each after `before()`, untimed), and one request's queries."""
    for _ in range(3):
        if before:
            before()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        if before:
            before()
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    if before:
        before()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alliances", type=int, default=1000)
    parser.add_argument("--interactions", type=int, default=50, help="per alliance")
    parser.add_argument("--requests", type=int, default=50, help="warm requests per page")
    parser.add_argument("--cold", type=int, default=10, help="cold requests per page (each recomputes everything)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    workspace, user, alliance_pk = build_portfolio(args.alliances, args.interactions)
    print(f"portfolio of {args.alliances:,} alliances × {args.interactions} interactions "
          f"({args.alliances * args.interactions:,}) built in {time.perf_counter() - started:.1f} s "
          f"on {connection.vendor}")

    from dancecard.tracking.attention.services import open_signals
    from dancecard.tracking.calendar import due_dates
    from dancecard.workspaces.access import Access
    from dancecard.workspaces.models import bump_version

    def retire() -> None:
        bump_version(workspace.pk)

    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.force_login(user)
        rows = [
            ("bare view, trivial template", *timed(client, "/bare/", args.requests)),
            ("needs attention, cold", *timed(client, "/attention/", args.cold, before=retire)),
            ("needs attention, warm", *timed(client, "/attention/", args.requests)),
            ("needs attention, filtered", *timed(client, "/attention/?severity=high&owner=Mei+Lin", args.requests)),
            ("alliance page, cold", *timed(client, f"/alliances/{alliance_pk}/", args.cold, before=retire)),
            ("alliance page, warm", *timed(client, f"/alliances/{alliance_pk}/", args.requests)),
        ]
    access = Access(workspace=workspace, role="owner")
    times = []
    for _ in range(args.cold):
        retire()  # a change: the signals are read again, not taken from the cache
        start = time.perf_counter()
        signals = open_signals(access)
        times.append(time.perf_counter() - start)
    services = [("open_signals(), cold (CLI)", statistics.median(times) * 1000)]
    times = []
    for _ in range(args.cold):
        start = time.perf_counter()
        dates = due_dates(workspace)
        times.append(time.perf_counter() - start)
    services.append(("due_dates() (calendar feed)", statistics.median(times) * 1000))

    bare = rows[0][1]
    print(f"\nmedian of {args.requests} warm / {args.cold} cold requests (Django test client, {connection.vendor}):")
    print(f"  {'page':<32}{'median ms':>10}{'x bare':>9}{'queries':>9}")
    for name, ms, queries in rows:
        print(f"  {name:<32}{ms:>10.2f}{ms / bare:>9.1f}{queries:>9}")
    print(f"\n{len(signals):,} open signals, {len(dates):,} dates; the services alone, median of {args.cold}:")
    for name, ms in services:
        print(f"  {name:<32}{ms:>10.2f}")


if __name__ == "__main__":
    main()
