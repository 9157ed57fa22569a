"""Finding an alliance the way a person names it on the command line: by id or by name."""

from __future__ import annotations

from django.http import Http404

from dancecard.core.errors import DancecardError
from dancecard.portfolio.models import Alliance
from dancecard.workspaces.access import Access, get_in_workspace


class AllianceNotFound(DancecardError):
    pass


def find_alliance(access: Access, reference: str) -> Alliance:
    if reference.isdigit():
        try:
            return get_in_workspace(access, Alliance, reference)
        except Http404:
            pass  # a name made of digits, perhaps
    alliances = Alliance.objects.filter(workspace=access.workspace)
    exact = list(alliances.filter(name__iexact=reference))
    matches = exact or list(alliances.filter(name__icontains=reference)[:6])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AllianceNotFound(f"No alliance matches “{reference}”. `dancecard serve` lists them on the dashboard.")
    names = ", ".join(f"{a.pk}: {a.name}" for a in matches[:5])
    raise AllianceNotFound(f"“{reference}” matches several alliances ({names}); give the id.")
