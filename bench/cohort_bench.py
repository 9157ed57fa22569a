"""Cohort benchmark: a programme of 500 member firms × 20 alliances (10,000 alliances) — the cohort page
(cold and warm), its JSON API and its PDF report — against a bare Django view rendering a trivial
template, in the same run and process; and the cohort page's queries at 50, 200 and 500 firms, which
must be the same number (constant in the number of firms).

    .venv/bin/python bench/cohort_bench.py [--firms 500] [--alliances 20] [--sizes 50,200,500]
                                           [--requests 30] [--cold 5] [--pdf 3] [--profile]
    bash scripts/with-postgres .venv/bin/python bench/cohort_bench.py     # the same on PostgreSQL

Uses a throw-away database: SQLite in a temporary folder, or PostgreSQL when DANCECARD_DATABASE_URL is
set (scripts/with-postgres sets it). Prints medians and query counts; asserts nothing.

The data is written with bulk_create: firm workspaces; their participations in three programmes
(the first 50, 200 and 500 firms) with mixed consent (hidden 5%, counts 15%, aggregates 70%, named
10%); partners with free-text sectors, most matching an OECD sector (core/sectors.py), some not;
alliances at every stage with their dated stage changes (some committed, then ended); completed
current assessments (80%), whose answers, result, band and summary (with its profile) are copied
from a handful of real results (core.result.assess and assessments.services.summarise on answers
drawn as the demo programme draws them); and a few tracking records (contacts, meetings, next
steps, commitments), so that early-warning signals are open on many alliances.

"Cold" is the first request after a member firm's change (its version bumped: the cohort is read
and computed again); "warm" is every request after it, until the next change or the next day.
With --profile, one cold computation of the cohort (facts.py's cohort_for) runs under cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
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
from django.urls import NoReverseMatch, Resolver404, include, path, resolve, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

TRIVIAL = engines["django"].from_string("<!doctype html><title>{{ title }}</title><p>Hello {{ name }}</p>")


@login_not_required
def bare_view(request):
    return HttpResponse(TRIVIAL.render({"title": "bare", "name": "world"}, request))


urlpatterns = [path("bare/", bare_view), path("", include("dancecard.web.urls"))]

# Free-text sectors as firms type them: the OECD sectors of Sakai's tables, and some outside them.
SECTORS = ["Software", "Enterprise software", "Telecommunications", "Pharmaceuticals", "Biotechnology", "IT services",
           "Cloud services", "Wholesale distribution", "Financial services", "Insurance", "Oil and gas", "Aerospace",
           "Automotive", ""]
CONSENTS = (["hidden", "counts", "aggregates", "named"], [5, 15, 70, 10])
STAGES = (["prospect", "assessing", "negotiating", "committed", "active", "ended"], [15, 18, 17, 14, 24, 12])
PATH = ["prospect", "assessing", "negotiating", "committed", "active"]
BATCH = 2000


def real_results(count: int = 8) -> list[tuple[str, str, dict, dict, dict]]:
    """(instrument name, version, answers, result, summary) of a handful of real results, quick and full,
    from answers drawn around several strengths as the demo programme draws them."""
    from dancecard.assessments.services import summarise
    from dancecard.core.instruments import get_instrument
    from dancecard.core.result import assess
    from dancecard.programmes.demo import answers, item_offsets

    rng = random.Random(3)
    instruments = [get_instrument("quick"), get_instrument("full")]
    offsets = item_offsets(instruments, random.Random(4))
    found = []
    for i in range(count):
        instrument = instruments[i % 2]
        raw = answers(instrument, rng, 0.3 + 0.5 * i / max(1, count - 1), offsets)
        result = assess(instrument, raw)
        found.append((instrument.name, instrument.version, raw, result, summarise(result)))
    return found


def build(firm_count: int, per_firm: int, sizes: list[int]):
    """Firms, their alliances and records, and one programme per size holding the first `size` firms."""
    from django.contrib.auth import get_user_model
    from django.db.models import OuterRef, Subquery

    from dancecard.assessments.models import Assessment
    from dancecard.core import timeline as t
    from dancecard.portfolio.models import Alliance, AllianceMember, Partner
    from dancecard.programmes.models import Participation, Programme
    from dancecard.tracking.models import Commitment, Contact, Interaction, NextStep, StageChange
    from dancecard.workspaces.models import Kind, Membership, Role, Workspace

    rng = random.Random(7)
    today = timezone.localdate()
    now = timezone.now()
    user = get_user_model().objects.create_user("bench-manager", email="bench@example.org")
    programmes = {}
    for size in sizes:
        programmes[size] = Workspace.objects.create(name=f"Bench programme ({size} firms)",
                                                    slug=f"bench-programme-{size}", kind=Kind.PROGRAMME)
        Programme.objects.create(workspace=programmes[size], min_firms=5)
        Membership.objects.create(workspace=programmes[size], user=user, role=Role.MANAGER)

    firms = Workspace.objects.bulk_create(
        Workspace(name=f"Bench firm {n:04}", slug=f"bench-firm-{n:04}", kind=Kind.FIRM) for n in range(firm_count))
    consent = {f.pk: rng.choices(*CONSENTS)[0] for f in firms}
    Participation.objects.bulk_create(
        (Participation(workspace=programmes[size], firm=f, consent=consent[f.pk], joined=now - timedelta(days=200))
         for size in sizes for f in firms[:size]), batch_size=BATCH)

    partners_per_firm = 5
    partners = Partner.objects.bulk_create(
        (Partner(workspace=f, name=f"Partner {f.pk}-{i}", sector=rng.choice(SECTORS))
         for f in firms for i in range(partners_per_firm)), batch_size=BATCH)
    by_firm = {}
    for p in partners:
        by_firm.setdefault(p.workspace_id, []).append(p)

    alliances = Alliance.objects.bulk_create(
        (Alliance(workspace=f, name=f"Alliance {f.pk}-{i:02}", purpose="Joint offering", owner="Founder",
                  stage=rng.choices(*STAGES)[0]) for f in firms for i in range(per_firm)), batch_size=BATCH)
    Alliance.objects.filter(workspace__in=firms).update(created=now - timedelta(days=500))
    AllianceMember.objects.bulk_create(
        (AllianceMember(workspace_id=a.workspace_id, alliance=a, partner=by_firm[a.workspace_id][i % partners_per_firm])
         for i, a in enumerate(alliances)), batch_size=BATCH)

    def path_of(stage: str) -> list[str]:
        if stage != "ended":
            return PATH[:PATH.index(stage) + 1]
        stopped = rng.choice(["assessing", "negotiating", "committed", "committed", "active"])  # some after committing
        return PATH[:PATH.index(stopped) + 1] + ["ended"]

    StageChange.objects.bulk_create(
        (StageChange(workspace_id=a.workspace_id, alliance=a, date=today - timedelta(days=480 - 90 * i), stage=stage)
         for a in alliances for i, stage in enumerate(path_of(a.stage))), batch_size=BATCH)

    results = real_results()
    Assessment.objects.bulk_create(
        (Assessment(workspace_id=a.workspace_id, alliance=a, instrument_name=name, instrument_version=version,
                    respondent="Founder", status="complete", answers=raw, result=result,
                    band=summary["band"], summary=summary, completed=now - timedelta(days=rng.randint(5, 300)))
         for a in alliances if rng.random() < 0.8 for name, version, raw, result, summary in [rng.choice(results)]),
        batch_size=500)
    Alliance.objects.filter(workspace__in=firms).update(current_assessment=Subquery(
        Assessment.objects.filter(alliance=OuterRef("pk")).order_by("-pk").values("pk")[:1]))

    live = [a for a in alliances if a.stage != "ended"]
    units = [t.Unit.LOCAL_SUBSIDIARY, t.Unit.LOCAL_SUBSIDIARY, t.Unit.HEAD_OFFICE, t.Unit.OTHER_SUBSIDIARY,
             t.Unit.FIELD_OPERATIONS]
    contacts = Contact.objects.bulk_create(
        (Contact(workspace_id=a.workspace_id, alliance=a, side=side, name=f"{side} {a.pk}",
                 unit=rng.choice(units) if side == "partner" else "", level="manager",
                 role="champion" if side == "partner" else "owner")
         for a in live for side in ("ours", "partner")), batch_size=BATCH)
    theirs = {c.alliance_id: c.pk for c in contacts if c.side == "partner"}
    meetings = Interaction.objects.bulk_create(
        (Interaction(workspace_id=a.workspace_id, alliance=a, date=today - timedelta(days=rng.randint(0, 200)),
                     kind=rng.choice(["face_to_face", "email", "call", "event"]),
                     terms_reopened=rng.random() < .02)
         for a in live for _ in range(2)), batch_size=BATCH)
    through = Interaction.theirs.through
    through.objects.bulk_create((through(interaction_id=m.pk, contact_id=theirs[m.alliance_id]) for m in meetings),
                                batch_size=BATCH)
    NextStep.objects.bulk_create(
        (NextStep(workspace_id=a.workspace_id, alliance=a, text="Call them",
                  due=today + timedelta(days=rng.randint(-20, 30))) for a in live if rng.random() < .6), batch_size=BATCH)
    Commitment.objects.bulk_create(
        (Commitment(workspace_id=a.workspace_id, alliance=a, kind=rng.choice(["mou", "contract", "nda"]),
                    status=rng.choice(["draft", "signed", "signed"]),
                    started=today - timedelta(days=rng.randint(10, 400)),
                    expires=today + timedelta(days=rng.randint(-60, 400)))
         for a in live if a.stage in ("committed", "active") and rng.random() < .7), batch_size=BATCH)
    return user, programmes, firms, len(alliances)


def timed(client: Client, url: str, requests: int, before=None) -> tuple[float, int]:
    """Median milliseconds of `requests` requests (each after `before()`, untimed), and one request's queries."""
    for _ in range(2):
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


def exists(name: str | None = None, url: str | None = None) -> bool:
    try:
        reverse(name) if name else resolve(url)
        return True
    except (NoReverseMatch, Resolver404):
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--firms", type=int, default=500)
    parser.add_argument("--alliances", type=int, default=20, help="per firm")
    parser.add_argument("--sizes", default="50,200,500", help="programme sizes whose queries are counted")
    parser.add_argument("--requests", type=int, default=30, help="warm requests per page")
    parser.add_argument("--cold", type=int, default=5, help="cold requests per page (each recomputes the cohort)")
    parser.add_argument("--pdf", type=int, default=3, help="requests of the PDF report, cold and warm (0: skip it)")
    parser.add_argument("--profile", action="store_true", help="profile one cold cohort computation")
    args = parser.parse_args()
    sizes = sorted({min(int(s), args.firms) for s in args.sizes.split(",")} | {args.firms})

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    user, programmes, firms, alliance_count = build(args.firms, args.alliances, sizes)
    print(f"programme of {args.firms:,} firms × {args.alliances} alliances ({alliance_count:,}) built in "
          f"{time.perf_counter() - started:.1f} s on {connection.vendor}")

    from dancecard.programmes.cohort.facts import cohort_for, read_facts
    from dancecard.tracking.life import today
    from dancecard.workspaces.access import Access
    from dancecard.workspaces.models import bump_version

    biggest = programmes[args.firms]
    member = firms[len(firms) // 2].pk

    def member_changed() -> None:
        bump_version(member)  # a member firm's change: the cohort is read and computed again

    if not exists("cohort"):
        print("\nThe cohort page (URL name 'cohort') does not exist yet: the page timings are skipped.")
        return
    has_api = exists(url="/api/programme/cohort")
    has_pdf = exists("cohort_report")

    rows, counts = [], []
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.force_login(user)
        cohort_url = reverse("cohort")
        for size in sizes:
            client.post(reverse("workspace_switch", args=[programmes[size].pk]))
            member_changed()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(cohort_url)
            assert response.status_code == 200, response.status_code
            with CaptureQueriesContext(connection) as warm:
                client.get(cohort_url)
            counts.append((size, len(queries.captured_queries), len(warm.captured_queries)))
        client.post(reverse("workspace_switch", args=[biggest.pk]))
        rows.append(("bare view, trivial template", *timed(client, "/bare/", args.requests)))
        rows.append(("cohort page, cold", *timed(client, cohort_url, args.cold, before=member_changed)))
        rows.append(("cohort page, warm", *timed(client, cohort_url, args.requests)))
        if has_api:
            rows.append(("API cohort, cold", *timed(client, "/api/programme/cohort", args.cold, before=member_changed)))
            rows.append(("API cohort, warm", *timed(client, "/api/programme/cohort", args.requests)))
        if has_pdf and args.pdf:
            report = reverse("cohort_report")
            rows.append(("PDF report, cold", *timed(client, report, args.pdf, before=member_changed)))
            rows.append(("PDF report, warm", *timed(client, report, args.pdf)))

    access = Access(workspace=biggest, role="manager", user=user)
    reads, computes = [], []
    for _ in range(args.cold):
        member_changed()
        start = time.perf_counter()
        read_facts(biggest, today())
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        view = cohort_for(access)
        computes.append(time.perf_counter() - start)

    bare = rows[0][1]
    print(f"\nmedian of {args.requests} warm / {args.cold} cold / {args.pdf} PDF requests "
          f"(Django test client, {connection.vendor}, {args.firms} firms):")
    print(f"  {'page':<32}{'median ms':>10}{'x bare':>9}{'queries':>9}")
    for name, ms, queries in rows:
        print(f"  {name:<32}{ms:>10.2f}{ms / bare:>9.1f}{queries:>9}")
    if not has_api:
        print("  (the API GET /api/programme/cohort does not exist yet: skipped)")
    if not has_pdf:
        print("  (the PDF report, URL name 'cohort_report', does not exist yet: skipped)")
    print("\nqueries of one cohort page request, by the programme's size (cold: after a member's change):")
    print(f"  {'firms':>7}{'alliances':>11}{'cold':>7}{'warm':>7}")
    for size, cold, warm in counts:
        print(f"  {size:>7}{size * args.alliances:>11,}{cold:>7}{warm:>7}")
    print(f"  constant in the number of firms: {'yes' if len({c for _, c, _ in counts}) == 1 else 'NO'}")
    shown = sum(1 for row in [view.cohort.funnel, view.cohort.verdicts] for c in row.cells if c.shown)
    print(f"\nthe services alone, cold, median of {args.cold} ({view.cohort.members.value} firms sharing, "
          f"{len(view.named):,} named alliances, {shown} funnel and verdict cells shown):")
    print(f"  {'read_facts() (the reads)':<32}{statistics.median(reads) * 1000:>10.2f}")
    print(f"  {'cohort_for() (reads + figures)':<32}{statistics.median(computes) * 1000:>10.2f}")

    if args.profile:
        member_changed()
        profiler = cProfile.Profile()
        profiler.enable()
        cohort_for(access)
        profiler.disable()
        print("\none cold cohort_for(), by cumulative time:")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
