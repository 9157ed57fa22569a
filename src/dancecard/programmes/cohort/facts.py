"""What a programme may know of its member firms, read in a fixed number of queries.

This is the only code that reads member firms' records on a programme's behalf. It reads a firm
only under a current participation, and reads of it only what its consent allows:

- hidden: nothing;
- counts: its alliances' stages (now and furthest reached) and partners' sectors;
- aggregates: also the current assessment's verdict band and profile, and open warnings;
- named: also the alliances' names, for the list of named alliances.

Answers, notes, evidence, people and documents are never read here. Everything a programme
sees passes through core/cohort.py's disclosure rule, except the named list, which the firm has
agreed to show by name.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache

from dancecard.core.cohort import COUNTS, DETAILED, FUNNEL, NAMED, SHARING, AllianceFacts, Cohort, FirmFacts, build_cohort
from dancecard.portfolio.models import Alliance, AllianceMember
from dancecard.programmes.models import Participation
from dancecard.tracking.life import signals_by_alliance, today
from dancecard.tracking.models import StageChange
from dancecard.workspaces.access import Access, Permission
from dancecard.workspaces.models import Membership

TTL_SECONDS = 3600


@dataclass(frozen=True)
class NamedAlliance:
    firm: str
    participation: int
    alliance: str
    stage: str
    band: str | None
    signals: tuple[str, ...]


@dataclass(frozen=True)
class CohortView:
    """A programme's cohort as it may see it today: the protected figures and the named alliances."""

    cohort: Cohort
    named: list[NamedAlliance] = field(default_factory=list)
    on: date | None = None
    key: str = ""  # the cache key it was computed under: what is rendered from it may be cached under it too


def _sector_of(text: str) -> str | None:
    from dancecard.core.sectors import match_sector

    found = match_sector(text)
    return None if found is None else found.key


def sector_keys() -> list[str]:
    from dancecard.core.sectors import load_sectors

    return [s.key for s in load_sectors().sectors if s.key != "all"]


def signal_codes() -> list[str]:
    from dancecard.core.signals import load_signal_rules

    return sorted(r.code for r in load_signal_rules().rules)


def participations(programme) -> list[tuple[int, int, str, str, int, float]]:
    """(participation id, firm id, firm name, consent, firm version, firm created) of the firms that share anything now."""
    return [(pk, firm, name, consent, version, created.timestamp()) for pk, firm, name, consent, version, created in
            Participation.objects.filter(workspace=programme, left__isnull=True, consent__in=SHARING)
            .order_by("firm__name", "pk").values_list("pk", "firm_id", "firm__name", "consent", "firm__version",
                                                       "firm__created")]


def known_firms(programme) -> frozenset[int]:
    """Member firms one of the programme's staff belongs to: the staff can read their records anyway."""
    staff = Membership.objects.filter(workspace=programme).values("user_id")
    members = Participation.objects.filter(workspace=programme, left__isnull=True).values("firm_id")
    return frozenset(Membership.objects.filter(workspace_id__in=members, user_id__in=staff)
                     .values_list("workspace_id", flat=True))


def read_facts(programme, on: date, known: frozenset[int] | None = None) -> tuple[list[FirmFacts], list[NamedAlliance]]:
    """Every member firm's facts, as far as its consent goes: a fixed number of queries whatever the cohort's size.

    Each firm's facts are cached under its version, consent and the day, so after one member's change
    only that firm is read again (its consent is in the key: facts read under one level never serve another)."""
    members = participations(programme)
    keys = {firm: f"cohort-firm:{firm}:{created}:{version}:{level}:{on.isoformat()}"
            for _, firm, _, level, version, created in members}
    found = cache.get_many(list(keys.values()))
    cached = {firm: found[key] for firm, key in keys.items() if key in found}
    missing = {firm: level for _, firm, _, level, _, _ in members if firm not in cached}
    if missing:
        fresh = _read_firms(missing, on)
        cache.set_many({keys[firm]: facts for firm, facts in fresh.items()}, TTL_SECONDS)
        cached.update(fresh)
    known = known_firms(programme) if known is None else known
    firms, named = [], []
    for pk, firm, firm_name, level, _, _ in members:
        firms.append(FirmFacts(firm, level, tuple(facts for facts, _ in cached[firm]), known=firm in known))
        if level == NAMED:
            named += [NamedAlliance(firm_name, pk, name or "", f.stage, f.band, f.signals) for f, name in cached[firm]]
    return firms, named


FirmRecords = tuple[tuple[AllianceFacts, "str | None"], ...]  # each alliance's facts, and its name if named


def _read_firms(consent: dict[int, str], on: date) -> dict[int, FirmRecords]:
    alliances = list(Alliance.objects.filter(workspace_id__in=list(consent)).order_by("workspace_id", "pk")
                     .only("pk", "workspace_id", "name", "stage", "created", "owner", "health_cadence_months",
                           "current_assessment_id"))
    # The rows below are selected by the firms (a few hundred ids), not by the alliances (thousands: an
    # id list that long costs more to send than to read); only the alliances listed above are looked up.
    firms = list(consent)
    detailed_firms = [firm for firm, level in consent.items() if level in DETAILED]
    assessed = {pk: (band, summary) for pk, band, summary in Alliance.objects.filter(workspace_id__in=detailed_firms)
                .exclude(current_assessment=None)
                .values_list("pk", "current_assessment__band", "current_assessment__summary")}
    sectors: dict[int, str | None] = {}
    sector_of: dict[str, str | None] = {}  # partners' sectors repeat: each distinct text is matched once
    for alliance_id, text in AllianceMember.objects.filter(alliance__workspace_id__in=firms).order_by("pk").values_list(
            "alliance_id", "partner__sector"):
        if (text or "") not in sector_of:
            sector_of[text or ""] = _sector_of(text or "")
        sectors[alliance_id] = sectors.get(alliance_id) or sector_of[text or ""]
    past: dict[int, set[str]] = defaultdict(set)
    for alliance_id, stage in StageChange.objects.filter(alliance__workspace_id__in=firms).values_list(
            "alliance_id", "stage"):
        past[alliance_id].add(stage)
    detailed = set(detailed_firms)
    watched = [a for a in alliances if a.workspace_id in detailed and a.stage != "ended"]
    signals = {pk: tuple(sorted({s.code for s in found})) for pk, found in signals_by_alliance(watched, on).items()}

    by_firm: dict[int, list[tuple[AllianceFacts, str | None]]] = {firm: [] for firm in consent}
    for a in alliances:
        reached = [s for s in (*past[a.pk], a.stage) if s in FUNNEL]
        furthest = max(reached, key=FUNNEL.index, default="prospect")
        level = consent[a.workspace_id]
        if level == COUNTS:
            facts = AllianceFacts(stage=a.stage, furthest=furthest, sector=sectors.get(a.pk))
        else:
            band, summary = assessed.get(a.pk, (None, None))
            facts = AllianceFacts(stage=a.stage, furthest=furthest, sector=sectors.get(a.pk), band=band or None,
                                  profile=(summary or {}).get("profile"), signals=signals.get(a.pk, ()))
        by_firm[a.workspace_id].append((facts, a.name if level == NAMED else None))
    return {firm: tuple(rows) for firm, rows in by_firm.items()}


def cohort_for(access: Access, on: date | None = None) -> CohortView:
    """The cohort as the programme's staff may see it: under its own k, afresh after any member's change.

    Cached under a key made of every member firm's id, version and consent, the programme's k and
    the day: a change of consent, a firm leaving or any change to a member's records gives a new key,
    so nothing outlives what it was computed from (revoking consent takes effect on the next request)."""
    access.require(Permission.VIEW)
    programme = access.workspace
    if not programme.is_programme:
        from django.http import Http404

        raise Http404("This workspace is not a programme.")
    on = on or today()
    from dancecard.programmes.models import Programme

    k = Programme.of(programme).min_firms
    state = list(Participation.objects.filter(workspace=programme, left__isnull=True)
                 .order_by("pk").values_list("firm_id", "firm__version", "consent"))
    known = known_firms(programme)  # a change of staff, or of a firm's members, changes the key too
    digest = hashlib.sha1(repr((state, k, sorted(known), on.isoformat())).encode()).hexdigest()
    key = f"cohort:{programme.pk}:{programme.created.timestamp()}:{digest}"
    found = cache.get(key)
    if found is None:
        firms, named = read_facts(programme, on, known)
        found = CohortView(build_cohort(firms, k, signal_codes(), sector_keys()), named, on, key)
        cache.set(key, found, TTL_SECONDS)
    return found
