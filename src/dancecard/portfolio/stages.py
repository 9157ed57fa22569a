"""The alliance pipeline and the ISO 44001 lifecycle stage each step corresponds to."""

from django.db import models


class Stage(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    ASSESSING = "assessing", "Assessing"
    NEGOTIATING = "negotiating", "Negotiating"
    COMMITTED = "committed", "Committed"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


# ISO 44001's eight stages: 1 operational awareness, 2 knowledge, 3 internal assessment,
# 4 partner selection, 5 working together, 6 value creation, 7 staying together, 8 exit.
ISO_44001 = {
    Stage.PROSPECT: ("1–2", "Operational awareness, knowledge"),
    Stage.ASSESSING: ("3", "Internal assessment"),
    Stage.NEGOTIATING: ("4", "Partner selection"),
    Stage.COMMITTED: ("5", "Working together"),
    Stage.ACTIVE: ("6–7", "Value creation, staying together"),
    Stage.ENDED: ("8", "Exit strategy activation"),
}


def iso_stage(stage: str) -> str:
    number, name = ISO_44001[Stage(stage)]
    return f"ISO 44001 stage {number}: {name}"


class Proximity(models.TextChoices):
    UNKNOWN = "", "Not known"
    SAME_CITY = "same_city", "Same city"
    SAME_REGION = "same_region", "Same region"
    SAME_COUNTRY = "same_country", "Same country"
    SAME_CONTINENT = "same_continent", "Same continent"
    OVERSEAS = "overseas", "Another continent"


class Autonomy(models.TextChoices):
    UNKNOWN = "", "Not known"
    LOW = "low", "Low: head office decides"
    MEDIUM = "medium", "Medium: decides within a mandate"
    HIGH = "high", "High: decides for itself"
