"""The "Sector context" panel of an alliance page: what Sakai's OECD paper counted in a partner's sector.

A reference, not a judgement: the partners' free-text sectors are matched to the OECD sectors
(core/sectors.py) and each matched sector is shown once, with the partners in it. It reads the
partners already loaded for the page, so it adds no query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dancecard.core.sectors import Sector, load_sectors
from dancecard.core.vocabulary import load_vocabulary


@dataclass
class SectorContext:
    sector: Sector
    citation: str
    partners: list[tuple[str, str]] = field(default_factory=list)  # (partner name, its sector as typed)

    @property
    def counts(self) -> str:
        return self.sector.counts_sentence()

    @property
    def form(self) -> str | None:
        return self.sector.most_common_form

    @property
    def form_note(self) -> str:
        return self.sector.form_note


def sector_context(partners: Iterable) -> list[SectorContext]:
    """One entry per OECD sector that a partner's sector names, in the order of the partners."""
    data = load_sectors()
    cite = load_vocabulary().cite
    found: dict[str, SectorContext] = {}
    for partner in partners:
        sector = data.match(partner.sector)
        if sector is None:
            continue
        if sector.key not in found:
            found[sector.key] = SectorContext(sector, cite(sector.source.seed, sector.source.section))
        found[sector.key].partners.append((partner.name, partner.sector.strip()))
    return list(found.values())
