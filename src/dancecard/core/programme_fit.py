"""Which partner programmes fit a firm: what a programme looks for against what the firm's assessments found.

A partner programme (an MNC's partner or ISV programme, a public bridging initiative) looks for
SMEs that can credibly appeal to some MNC motives (vocabulary group "motive") and that have some
assets (group "asset"). A firm's profile is one `profile` dict per assessment, as kept in
Assessment.summary["profile"] (core/cohort.py, `profile_of`):

    {"motives": {"motive.corporate_citizenship": "credible" | "possible" | "weak" | "unknown", ...},
     "assets": {"asset.niche_products": "strong" | "some" | "weak" | "unknown", ...}, ...}

A key left out was not assessed. Across the firm's profiles each key counts at its best status
(credible > possible > weak > unknown; strong > some > weak > unknown), so one assessment that
found a motive credible is not undone by another that could not tell. A status this module does
not know counts as unknown.

The rule, for the motives and assets the programme asks about (the "sought" keys):

- good: in each of the two lists the programme asks about (motives, assets), at least one
  sought key is at the top (a credible motive, a strong asset). A programme that asks only for
  motives needs one credible motive; one that asks only for assets, one strong asset.
- partial: not good, but at least one sought key is a match at any level (credible or possible,
  strong or some).
- none: no sought key is a match, and every one of them is known to be weak.
- unknown: no sought key is a match, and at least one is not assessed or unknown: too little
  is known to say (also when the programme asks about nothing, or the firm has no assessment).

Levels from best to worst: good, partial, unknown, none. Raising the status of any sought key
to credible or strong never lowers the level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar

import msgspec

from dancecard.core.vocabulary import load_vocabulary

Level = Literal["good", "partial", "unknown", "none"]
LEVELS: tuple[Level, ...] = ("good", "partial", "unknown", "none")  # best first

# Each group's statuses, best first; "unknown" and a key left out rank lowest.
MOTIVE_STATUSES = ("credible", "possible", "weak", "unknown")
ASSET_STATUSES = ("strong", "some", "weak", "unknown")
_GROUPS = {"motives": ("motive", MOTIVE_STATUSES), "assets": ("asset", ASSET_STATUSES)}


class Fit(msgspec.Struct, frozen=True):
    level: Level
    matched_motives: tuple[str, ...] = ()  # sought motives the firm can credibly appeal to
    matched_assets: tuple[str, ...] = ()   # sought assets the firm has strongly
    possible: tuple[str, ...] = ()         # sought keys found possible (motives) or some (assets)
    missing: tuple[str, ...] = ()          # sought keys found weak
    unknown: tuple[str, ...] = ()          # sought keys not assessed, or assessed as unknown

    @property
    def matched(self) -> tuple[str, ...]:
        return self.matched_motives + self.matched_assets


def check_keys(motives: Iterable[str], assets: Iterable[str]) -> None:
    """ValueError naming every key that is not a vocabulary term of its group ("motive", "asset")."""
    terms = load_vocabulary().terms
    problems = []
    for field, keys in (("motives", motives), ("assets", assets)):
        group = _GROUPS[field][0]
        for key in keys:
            term = terms.get(key) if isinstance(key, str) else None
            if term is None or term.group != group:
                known = ", ".join(t.key for t in load_vocabulary().in_group(group))
                problems.append(f"{field}: {key!r} is not a vocabulary term of group '{group}' (known: {known})")
    if problems:
        raise ValueError("; ".join(problems))


def best_statuses(profiles: Sequence[Mapping[str, Any] | None], field: str) -> dict[str, str]:
    """Each key's best status of `field` ("motives" or "assets") across the profiles; unknown statuses left out."""
    order = _GROUPS[field][1]
    best: dict[str, str] = {}
    for profile in profiles:
        if not isinstance(profile, Mapping):
            continue
        statuses = profile.get(field)
        if not isinstance(statuses, Mapping):
            continue
        for key, status in statuses.items():
            if status not in order or status == "unknown":
                continue
            if key not in best or order.index(status) < order.index(best[key]):
                best[key] = status
    return best


def fit(motives_sought: Sequence[str], assets_sought: Sequence[str],
        profiles: Sequence[Mapping[str, Any] | None]) -> Fit:
    """How well a firm (its assessments' profiles) fits a programme seeking these motives and assets.

    The rule is in the module's docstring. Raises ValueError for a key that is not a motive or an
    asset of the vocabulary; profiles that are None (an assessment without one) are skipped.
    """
    motives_sought, assets_sought = _unique(motives_sought), _unique(assets_sought)
    check_keys(motives_sought, assets_sought)
    found = {field: best_statuses(profiles, field) for field in _GROUPS}
    top: dict[str, list[str]] = {"motives": [], "assets": []}
    possible: list[str] = []
    missing: list[str] = []
    unknown: list[str] = []
    for field, sought in (("motives", motives_sought), ("assets", assets_sought)):
        best, middle, weak = _GROUPS[field][1][:3]
        for key in sought:
            status = found[field].get(key)
            if status == best:
                top[field].append(key)
            elif status == middle:
                possible.append(key)
            elif status == weak:
                missing.append(key)
            else:
                unknown.append(key)
    asked = [field for field, sought in (("motives", motives_sought), ("assets", assets_sought)) if sought]
    level: Level
    if asked and all(top[field] for field in asked):
        level = "good"
    elif top["motives"] or top["assets"] or possible:
        level = "partial"
    elif asked and not unknown:
        level = "none"
    else:
        level = "unknown"
    return Fit(level=level, matched_motives=tuple(top["motives"]), matched_assets=tuple(top["assets"]),
               possible=tuple(possible), missing=tuple(missing), unknown=tuple(unknown))


P = TypeVar("P")


def rank(programmes: Iterable[P], profiles: Sequence[Mapping[str, Any] | None]) -> list[tuple[P, Fit]]:
    """Each programme with its fit, best first: by level, then more top matches, then more possible ones.

    A programme is anything with `motives` and `assets` (a PartnerProgramme, a mapping with those
    keys); programmes that fit equally keep the order they came in. ValueError as for `fit`.
    """
    scored = []
    for programme in programmes:
        motives, assets = _sought(programme, "motives"), _sought(programme, "assets")
        scored.append((programme, fit(motives, assets, profiles)))
    return sorted(scored, key=lambda pf: (LEVELS.index(pf[1].level), -len(pf[1].matched), -len(pf[1].possible)))


def _sought(programme: Any, field: str) -> list[str]:
    value = programme.get(field) if isinstance(programme, Mapping) else getattr(programme, field)
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"{field}: give a list of vocabulary keys, not {value!r}")
    return list(value)


def _unique(keys: Sequence[str]) -> list[str]:
    if isinstance(keys, str):
        raise ValueError(f"give a list of vocabulary keys, not the string {keys!r}")
    keys = list(keys)
    wrong = [k for k in keys if not isinstance(k, str)]
    if wrong:
        raise ValueError(f"vocabulary keys are strings, not {wrong[0]!r}")
    return list(dict.fromkeys(keys))
