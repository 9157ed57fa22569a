"""`dancecard serve`: migrate, optionally load the demo, and serve the web app on this machine."""

from __future__ import annotations

import ipaddress
import os
import sys


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancecard.web.settings")
    import django

    django.setup()


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may well be reachable from other machines


OPEN_WARNING = """\
WARNING: Dancecard is listening on {host}, which other machines can reach, without TLS.
  Passwords, sign-in links and session cookies would cross the network in clear text. Put TLS (HTTPS)
  in front of it and set DANCECARD_SECURE=1 (docs/deploy.md), or keep 127.0.0.1."""


def serve(host: str, port: int, demo: bool, threads: int = 4) -> None:
    from django.core.exceptions import ImproperlyConfigured

    try:
        setup_django()
    except ImproperlyConfigured as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    import importlib

    from django.core.management import call_command

    settings_module = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    for path in getattr(settings_module, "secure_data_dir", list)():
        print(f"Made {path} private to you (it was readable by others).", file=sys.stderr)
    from django.conf import settings

    if not is_loopback(host) and not settings.SECURE:
        print(OPEN_WARNING.format(host=host), file=sys.stderr, flush=True)

    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        load_demo_if_empty()
    from waitress import serve as waitress_serve

    from dancecard.web.wsgi import application

    shown_host = f"[{host}]" if ":" in host else host
    base = settings.BASE_URL or f"http://{shown_host}:{port}"
    print(f"Dancecard is running at {base}/  (Ctrl+C to stop)", flush=True)
    print(f"Sign in (one click, works once): {base}{local_sign_in_path()}", flush=True)
    waitress_serve(application, host=host, port=port, threads=threads, ident="dancecard", _quiet=True)


def local_sign_in_path() -> str:
    """A one-time sign-in link for the local owner of the local workspace (made on first start)."""
    from dancecard.accounts.services import ensure_local_owner, make_sign_in_link
    from dancecard.workspaces.current import local_workspace

    return make_sign_in_link(ensure_local_owner(local_workspace()))


def load_demo_if_empty() -> None:
    from dancecard.portfolio.demo import load_demo, workspace_is_empty
    from dancecard.workspaces.current import local_workspace

    workspace = local_workspace()
    if workspace_is_empty(workspace):
        load_demo(workspace)
        print("Loaded the demo portfolio (five alliances from the research case stories).", file=sys.stderr)
    else:
        print("The workspace already holds data: the demo was not loaded again.", file=sys.stderr)
    load_demo_programme_if_absent(workspace)


def load_demo_programme_if_absent(workspace) -> None:
    """The demo bridging programme beside the portfolio: the local owner is its manager, the local firm a member."""
    from dancecard.accounts.services import ensure_local_owner
    from dancecard.programmes.demo import FIRMS, load_demo_programme

    programme = load_demo_programme(ensure_local_owner(workspace))
    if programme is not None:
        print(f"Loaded the demo programme \"{programme.name}\" ({len(FIRMS)} member firms, yours among them): "
              "open Workspaces… to switch to it and see its cohort.", file=sys.stderr)
