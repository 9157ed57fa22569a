"""`dancecard serve`: migrate, optionally load the demo, and serve the web app on this machine."""

from __future__ import annotations

import os
import sys


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancecard.web.settings")
    import django

    django.setup()


def serve(host: str, port: int, demo: bool, threads: int = 4) -> None:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        load_demo_if_empty()
    from waitress import serve as waitress_serve

    from dancecard.web.wsgi import application

    shown_host = f"[{host}]" if ":" in host else host
    print(f"Dancecard is running at http://{shown_host}:{port}/  (Ctrl+C to stop)", flush=True)
    waitress_serve(application, host=host, port=port, threads=threads, ident="dancecard", _quiet=True)


def load_demo_if_empty() -> None:
    from dancecard.portfolio.demo import load_demo, workspace_is_empty
    from dancecard.workspaces.current import local_workspace

    workspace = local_workspace()
    if workspace_is_empty(workspace):
        load_demo(workspace)
        print("Loaded the demo portfolio (five alliances from the research case stories).", file=sys.stderr)
    else:
        print("The workspace already holds data: the demo was not loaded again.", file=sys.stderr)
