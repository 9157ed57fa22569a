"""Which workspace a request works in, and fetching objects within it.

Until accounts exist, the app runs as one local workspace bound to 127.0.0.1,
like a notebook server. Access control is still one idea in one place: every
view fetches objects through `get_in_workspace`, so another workspace's rows
are a 404, never a leak.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model
from django.http import Http404

from dancecard.workspaces.models import Workspace

LOCAL_SLUG = "local"

M = TypeVar("M", bound=Model)


def local_workspace() -> Workspace:
    workspace, _ = Workspace.objects.get_or_create(slug=LOCAL_SLUG, defaults={"name": "My firm"})
    return workspace


def get_in_workspace(model: type[M], workspace: Workspace, pk, **filters) -> M:
    try:
        return model.objects.get(workspace=workspace, pk=int(pk), **filters)  # type: ignore[attr-defined]
    except (model.DoesNotExist, ValueError, TypeError, OverflowError):  # type: ignore[attr-defined]
        raise Http404(f"No such {model._meta.verbose_name} in this workspace") from None
