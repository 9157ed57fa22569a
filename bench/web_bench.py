"""Web benchmark: the dashboard and an alliance page with a 1,000-alliance portfolio,
against a bare Django view rendering a trivial template, in the same run and process.

    .venv/bin/python bench/web_bench.py [--alliances 1000] [--requests 200]

Uses a throw-away SQLite database; prints medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["DANCECARD_DATA_DIR"] = tempfile.mkdtemp(prefix="dancecard-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "dancecard.web.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

TRIVIAL = engines["django"].from_string("<!doctype html><title>{{ title }}</title><p>Hello {{ name }}</p>")


def bare_view(request):
    return HttpResponse(TRIVIAL.render({"title": "bare", "name": "world"}, request))


def layout_view(request):
    """The app's page layout (navigation, workspace, CSRF token) around an empty body: the floor for any page."""
    from django.shortcuts import render

    return render(request, "base.html", {})


urlpatterns = [path("bare/", bare_view), path("layout/", layout_view), path("", include("dancecard.web.urls"))]


def build_portfolio(count: int) -> int:
    from dancecard.assessments.services import assess_now
    from dancecard.core.answers import DONT_KNOW
    from dancecard.core.instruments import AnswerKind, get_instrument
    from dancecard.portfolio.models import Alliance, AllianceMember, Partner
    from dancecard.portfolio.stages import Stage
    from dancecard.workspaces.current import local_workspace

    workspace = local_workspace()
    rng = random.Random(7)
    partners = Partner.objects.bulk_create(Partner(workspace=workspace, name=f"Partner {n}") for n in range(50))
    alliances = Alliance.objects.bulk_create(
        Alliance(workspace=workspace, name=f"Alliance {n:04}", purpose="Joint offering", stage=rng.choice(Stage.values))
        for n in range(count))
    AllianceMember.objects.bulk_create(
        AllianceMember(workspace=workspace, alliance=a, partner=rng.choice(partners)) for a in alliances)
    quick = get_instrument("quick")
    for alliance in alliances:
        answers = {}
        for item in quick.items:
            if item.kind == AnswerKind.LIKERT:
                answers[item.id] = rng.randint(1, 5)
            elif item.kind == AnswerKind.YES_NO:
                answers[item.id] = rng.random() < .5
            elif item.kind == AnswerKind.SINGLE:
                answers[item.id] = rng.choice(item.options).value
            elif item.kind == AnswerKind.MULTIPLE:
                answers[item.id] = [o.value for o in item.options if rng.random() < .3]
            else:
                answers[item.id] = DONT_KNOW
        assess_now(alliance, "quick", answers)
    return alliances[count // 2].pk


def median_ms(client: Client, url: str, requests: int) -> float:
    for _ in range(5):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alliances", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    alliance_pk = build_portfolio(args.alliances)
    print(f"portfolio of {args.alliances} assessed alliances built in {time.perf_counter() - started:.1f} s")
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        from dancecard.accounts.services import ensure_local_owner
        from dancecard.workspaces.current import local_workspace

        client = Client()
        # Signed in as the owner, as a user is: every page, the bare one too, passes the same access check.
        client.force_login(ensure_local_owner(local_workspace()))
        bare = median_ms(client, "/bare/", args.requests)
        layout = median_ms(client, "/layout/", args.requests)
        dashboard = median_ms(client, "/", args.requests)
        alliance = median_ms(client, f"/alliances/{alliance_pk}/", args.requests)
    print(f"median of {args.requests} requests (Django test client, SQLite):")
    print(f"  bare view, trivial template  {bare:7.2f} ms")
    print(f"  layout only, empty page      {layout:7.2f} ms  ({layout / bare:.1f}x bare)")
    print(f"  dashboard                    {dashboard:7.2f} ms  ({dashboard / bare:.1f}x bare)")
    print(f"  alliance page                {alliance:7.2f} ms  ({alliance / bare:.1f}x bare)")


if __name__ == "__main__":
    main()
