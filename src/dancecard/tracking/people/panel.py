"""What the alliance page and the dashboard show of people and meetings, in a fixed number of queries.

"Last interaction" and "last face-to-face" are facts of their own, read from the dates of logged
interactions (never from when a record was last edited: CRM practice). Which kinds count as "in
person" is the no_face_to_face signal rule's list, so the page and the signal agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import DateField, Max, OuterRef, Q, QuerySet, Subquery

from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_label
from dancecard.core.signals import load_signal_rules
from dancecard.tracking.life import today
from dancecard.tracking.models import Contact, Interaction, NextStep

LATEST_INTERACTIONS = 10


def in_person_kinds() -> list[str]:
    """The interaction kinds that count as meeting in person (the no_face_to_face rule's `kinds`)."""
    rule = load_signal_rules().rule("no_face_to_face")
    return [str(k) for k in rule.kinds] if rule else [str(t.InteractionKind.FACE_TO_FACE)]


def face_to_face_threshold() -> int | None:
    rule = load_signal_rules().rule("no_face_to_face")
    return int(rule.threshold) if rule and rule.threshold is not None else None


def with_last_interactions(alliances: QuerySet, on: date | None = None) -> QuerySet:
    """Alliances annotated with `last_interaction` and `last_face_to_face` (dates up to `on`), in the same query."""
    on = on or today()
    past = Interaction.objects.filter(alliance=OuterRef("pk"), date__lte=on).order_by("-date").values("date")
    return alliances.annotate(
        last_interaction=Subquery(past[:1], output_field=DateField()),
        last_face_to_face=Subquery(past.filter(kind__in=in_person_kinds())[:1], output_field=DateField()),
    )


def days_since(day: date | None, on: date) -> int | None:
    return None if day is None else (on - day).days


# --- the next step: planned / late / none ------------------------------------------------------

NEXT_STEP_STATES = {"planned": "Planned", "late": "Late", "none": "None"}


def open_next_step(alliance_id: int) -> NextStep | None:
    """The alliance's open next step (the one due first, one without a date last)."""
    steps = NextStep.objects.filter(alliance_id=alliance_id, done__isnull=True)
    return min(steps, key=lambda s: (s.due is None, s.due or date.min, s.pk), default=None)


def next_step_state(step: NextStep | None, on: date) -> str:
    """Odoo's neglect signal: a step planned, a step late, or none at all."""
    if step is None:
        return "none"
    return "late" if step.due is not None and step.due < on else "planned"


# --- the relationship map ------------------------------------------------------------------------

ROW = 26  # height of one person or heading, in the map's units
WIDTH = 360
COLUMN = 150  # each side's width; the lines cross the gap between
LABEL_CHARS = 18


@dataclass
class Node:
    contact: Contact
    y: int = 0  # the baseline of its name
    label: str = ""
    gone: bool = False

    @property
    def cy(self) -> int:  # the middle of the name, where its line starts
        return self.y - 4


@dataclass
class Group:
    """The partner's people in one unit (of one partner, in a consortium)."""

    key: str
    label: str
    people: list[Node] = field(default_factory=list)
    y: int = 0
    # In a consortium, the partner's name above its first unit.
    heading: str = ""
    heading_y: int = 0

    @property
    def active(self) -> list[Node]:
        return [n for n in self.people if not n.gone]


@dataclass
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    known: bool  # a held relationship (known_by); otherwise they met in a logged interaction
    gone: bool
    title: str


@dataclass
class RelationshipMap:
    ours: list[Node]
    groups: list[Group]
    lines: list[Line]
    height: int
    # Units nobody (still there) works in, as sentences: the point of the map.
    gaps: list[str]
    has_anyone: bool


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


def relationship_map(contacts: list[Contact], met: set[tuple[int, int]], partners: list,
                     on: date) -> RelationshipMap:
    """Our people on the left; the partner's grouped by unit on the right; lines for who knows or has met whom.

    In a consortium each partner has its own units, so "nobody in field operations" is said per partner."""
    consortium = len(partners) > 1
    ours = [Node(c, label=_short(c.name), gone=c.left is not None and c.left <= on)
            for c in contacts if c.side == t.Side.OURS]
    units = [str(u) for u in t.Unit]
    groups: list[Group] = []
    by_key: dict[tuple, Group] = {}
    owners = partners if consortium else [None]
    for partner in owners:
        for unit in units + [""]:
            label = code_label("unit", unit) if unit else "Unit not known"
            group = Group(key=f"{partner.pk if partner else ''}:{unit}", label=label,
                          heading=_short(partner.name) if consortium and unit == units[0] else "")
            by_key[(partner.pk if partner else None, unit)] = group
            groups.append(group)
    stray = Group(key="other", label="Partner not named")
    for c in contacts:
        if c.side != t.Side.PARTNER:
            continue
        node = Node(c, label=_short(c.name), gone=c.left is not None and c.left <= on)
        owner = c.partner_id if consortium else None
        by_key.get((owner, c.unit or ""), stray).people.append(node)
    if stray.people:
        groups.append(stray)

    gaps = []
    for partner in owners:
        for unit in units:
            group = by_key[(partner.pk if partner else None, unit)]
            if group.active:
                continue
            where = code_label("unit", unit).lower()
            sentence = f"Nobody in {where}" + (f" at {partner.name}" if consortium else "")
            if group.people:
                sentence += " now: " + ", ".join(n.contact.name for n in group.people) + " left"
            gaps.append(sentence)

    # Lay out: our people top-down on the left; on the right each unit's heading, then its people
    # (an empty unit keeps one row, "nobody", so the gap shows in the picture too).
    y = ROW * 2
    for node in ours:
        node.y = y
        y += ROW
    left_end = y
    y = ROW * 2
    shown = [g for g in groups if g.people or not g.key.endswith(":")]  # "unit not known" only when used
    for group in shown:
        if group.heading:
            group.heading_y = y + ROW // 2
            y += ROW + ROW // 2
        group.y = y
        y += ROW
        for node in group.people:
            node.y = y
            y += ROW
        if not group.people:
            y += ROW
    height = max(left_end, y) + ROW // 2

    where = {n.contact.pk: n for n in ours}
    theirs = {n.contact.pk: n for g in shown for n in g.people}
    pairs: dict[tuple[int, int], bool] = {}
    for pk, node in theirs.items():
        if node.contact.known_by_id in where:
            pairs[(node.contact.known_by_id, pk)] = True
    for our_pk, their_pk in met:
        if our_pk in where and their_pk in theirs:
            pairs.setdefault((our_pk, their_pk), False)
    lines = []
    for (our_pk, their_pk), known in sorted(pairs.items()):
        a, b = where[our_pk], theirs[their_pk]
        verb = "knows" if known else "has met"
        lines.append(Line(x1=COLUMN + 6, y1=a.cy, x2=WIDTH - COLUMN - 4, y2=b.cy, known=known,
                          gone=a.gone or b.gone, title=f"{a.contact.name} {verb} {b.contact.name}"))
    return RelationshipMap(ours=ours, groups=shown, lines=lines, height=height, gaps=gaps,
                           has_anyone=bool(contacts))


def _met_pairs(alliance_id: int) -> set[tuple[int, int]]:
    """(our contact, their contact) pairs who were at one logged interaction together: two queries."""
    ours: dict[int, list[int]] = {}
    for interaction_id, contact_id in (Interaction.ours.through.objects
                                       .filter(interaction__alliance_id=alliance_id)
                                       .values_list("interaction_id", "contact_id")):
        ours.setdefault(interaction_id, []).append(contact_id)
    pairs = set()
    for interaction_id, contact_id in (Interaction.theirs.through.objects
                                       .filter(interaction__alliance_id=alliance_id)
                                       .values_list("interaction_id", "contact_id")):
        pairs.update((ours_id, contact_id) for ours_id in ours.get(interaction_id, ()))
    return pairs


# --- the alliance page ---------------------------------------------------------------------------


def alliance_people(alliance, partners: list, on: date | None = None) -> dict:
    """Everything the alliance page shows of people, meetings and the next step: 8 queries, whatever the numbers."""
    on = on or today()
    contacts = list(Contact.objects.filter(alliance=alliance).select_related("partner", "known_by"))
    in_person = in_person_kinds()
    facts = Interaction.objects.filter(alliance=alliance, date__lte=on).aggregate(
        last=Max("date"), last_in_person=Max("date", filter=Q(kind__in=in_person)))
    interactions = list(Interaction.objects.filter(alliance=alliance)
                        .prefetch_related("ours", "theirs")[:LATEST_INTERACTIONS + 1])
    step = open_next_step(alliance.pk)
    state = next_step_state(step, on)
    threshold = face_to_face_threshold()
    since_in_person = days_since(facts["last_in_person"], on)
    for c in contacts:
        c.gone = c.left is not None and c.left <= on
    return {
        "today": on,
        "contacts": contacts,
        "ours": [c for c in contacts if c.side == t.Side.OURS],
        "theirs": [c for c in contacts if c.side == t.Side.PARTNER],
        "map": relationship_map(contacts, _met_pairs(alliance.pk), partners, on),
        "interactions": interactions[:LATEST_INTERACTIONS],
        "more_interactions": len(interactions) > LATEST_INTERACTIONS,
        "last_interaction": facts["last"],
        "last_face_to_face": facts["last_in_person"],
        "face_to_face_threshold": threshold,
        "face_to_face_overdue": threshold is not None and since_in_person is not None and since_in_person >= threshold,
        "in_person_labels": [code_label("interaction_kind", k).lower() for k in in_person],
        "next_step": step,
        "next_step_state": state,
        "next_step_state_label": NEXT_STEP_STATES[state],
    }
