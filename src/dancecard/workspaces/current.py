"""The local workspace of a one-person install (`dancecard serve`, the CLI, the demo)."""

from __future__ import annotations

from dancecard.workspaces.models import Workspace

LOCAL_SLUG = "local"


def local_workspace() -> Workspace:
    workspace, _ = Workspace.objects.get_or_create(slug=LOCAL_SLUG, defaults={"name": "My firm"})
    return workspace
