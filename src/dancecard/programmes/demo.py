"""The demo programme: a fictional bridging programme, its member firms, and the partner programmes it knows.

`dancecard serve --demo` loads it beside the demo portfolio (cli/serve.py), so the local user sees
both sides: as the programme's manager, its cohort page; as the owner of the local firm (which joins
the programme with consent "named"), the firm's side of the same membership.

Everything here is invented for the demo and marked so: the programme, its 24 member firms
("… (demo)") and their partners (fictional "Globex"-style multinationals; no real company's name).
What the programme and its partner programmes do is modelled on what the seeds say of bridging
mechanisms (Prashantham, 000: Microsoft's ISV programme and the STAC initiative; Sakai, 003: clusters,
business matching and the 2% of firms that reached a formal linkage on the EU's networks); their
descriptions cite the passage.

Each firm's consent, furthest stage and number of alliances are set in FIRMS: consent mostly
"aggregates", some "counts", three "named" (and the local firm), one "hidden"; 1–6 alliances each,
across every stage (a few committed and then ended). So that the cohort page shows most figures and
suppresses some, the firms fill each stage of the funnel with at least k = 5 anonymous firms, while
smaller groups (a sector, a networking type, a barrier's status) fall under k. The rest is drawn with
a seeded random generator, so every load gives the same cohort: partners in the OECD sectors of
Sakai's tables and some outside them; current assessments (quick, and full for many) whose answers
vary the barriers, motives, strategies and networking types; a few tracking records, so that some
early-warning signals are open. Dates are counted back from the day it is loaded, like the demo
portfolio's. Loading takes about 1 s (68 alliances, 69 assessments through assess_now).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now
from dancecard.core import timeline as t
from dancecard.core.answers import DONT_KNOW, favourability, parse_value
from dancecard.core.health import load_health_check
from dancecard.core.instruments import AnswerKind, Instrument, Item, get_instrument
from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.demo_life import ago, ahead, moment
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.programmes.models import Consent, Participation, PartnerKind, PartnerProgramme, Programme
from dancecard.tracking.health import services as health
from dancecard.tracking.models import Commitment, Contact, HealthResponse, Interaction, NextStep, StageChange
from dancecard.workspaces.current import local_workspace
from dancecard.workspaces.models import Kind, Membership, Role, Workspace, bump_version

SLUG = "demo-programme"
NAME = "Tayside Technology Bridge (demo)"
FIRM_SLUG = "demo-programme-firm-{:02}"
MIN_FIRMS = 5
SEED = 11

PRASHANTHAM = "000_587ecadf5e23e0b4.txt"
SAKAI = "003_92878a939c5b0d66.txt"


def cite(seed: str, passage: str) -> str:
    return load_vocabulary().cite(seed, passage)


def about() -> str:
    return (
        "A fictional bridging programme, made up for the demo. Like the STAC initiative in Prashantham's study, whose "
        "mission was to facilitate collaborations between established multinationals and innovative new ventures, it "
        "brings young technology firms together with multinationals' local subsidiaries, brokers their first "
        "meetings, and offers legal input on agreements such as those on intellectual property "
        f"({cite(PRASHANTHAM, 'Lesson 3: engage proactively, (i) Use bridging mechanisms')}). "
        "Sakai's OECD paper is the warning: only 2% of the firms on the European Commission's online "
        "business-matching networks reached a formal business linkage "
        f"({cite(SAKAI, 'Policy implications: Fostering business networking')}); the cohort page shows how far "
        "this programme's firms get.")


# --- the member firms: invented names, each marked "(demo)" ---------------------------------------------

# Each firm: its name; what it lets the programme see; the furthest stage its alliances have reached;
# how well its alliances tend to be set up ("strong": the full instrument, networked across the
# partner, papers signed; "early": the quick instrument, fewer links, more barriers); how many
# alliances it has. Chosen so that most of the cohort's figures rest on at least five firms (k) and
# some on fewer: the funnel shows whole, smaller groups (a sector, a networking type) are suppressed.
FIRMS = [
    ("Carse Sensors", Consent.AGGREGATES, "active", "strong", 4),
    ("Sidlaw Robotics", Consent.NAMED, "active", "strong", 5),
    ("Tayport Analytics", Consent.AGGREGATES, "committed", "strong", 3),
    ("Lunan Biologics", Consent.COUNTS, "active", "strong", 3),
    ("Errol Data Systems", Consent.AGGREGATES, "negotiating", "early", 2),
    ("Strathmore Photonics", Consent.AGGREGATES, "active", "strong", 6),
    ("Kinnoull Software", Consent.NAMED, "active", "strong", 4),
    ("Balgay Health Informatics", Consent.AGGREGATES, "assessing", "early", 1),
    ("Law Hill Games", Consent.AGGREGATES, "committed", "strong", 2),
    ("Invergowrie Agritech", Consent.COUNTS, "negotiating", "early", 2),
    ("Monifieth Marine Tech", Consent.AGGREGATES, "negotiating", "early", 3),
    ("Brechin Ledger", Consent.HIDDEN, "active", "strong", 3),
    ("Forfar Fleet Telematics", Consent.AGGREGATES, "active", "strong", 5),
    ("Glamis Learning", Consent.NAMED, "active", "strong", 3),
    ("Arbroath Subsea Instruments", Consent.AGGREGATES, "committed", "strong", 4),
    ("Kirriemuir Cyber", Consent.AGGREGATES, "assessing", "early", 2),
    ("Montrose Materials", Consent.COUNTS, "committed", "strong", 2),
    ("Perth Precision Print", Consent.AGGREGATES, "negotiating", "early", 3),
    ("Blairgowrie Vision", Consent.AGGREGATES, "active", "strong", 3),
    ("Coupar Food Tech", Consent.AGGREGATES, "assessing", "early", 1),
    ("Auchterhouse RF", Consent.COUNTS, "assessing", "early", 2),
    ("Newtyle Networks", Consent.AGGREGATES, "committed", "strong", 2),
    ("Dunkeld Diagnostics", Consent.AGGREGATES, "assessing", "early", 2),
    ("Pitlochry Payments", Consent.AGGREGATES, "negotiating", "early", 1),
]
# A firm that first said yes to aggregates, then chose counts only (the change is in the history).
NARROWED = "Invergowrie Agritech"
# Where a firm's answers sit on average (favourability 0..1), by how well it is set up.
STRENGTH = {"strong": 0.72, "early": 0.4}
# How often a firm's current assessment uses the full instrument, rather than the quick one.
FULL_SHARE = {"strong": 0.6, "early": 0.45}
# Items answered the same way across the cohort: networkers have contacts and use them; barriers
# of access and attention are where the early firms struggle.
PINNED = {"full.network_endowment": 0.1, "full.network_leverage": 0.05, "full.barrier_access": -0.15,
          "full.barrier_attention": -0.1}
# The MNC motives the firms of each kind mostly name on the quick instrument.
MOTIVES = {"strong": ["technology_evangelisation", "technology_absorption"],
           "early": ["corporate_citizenship", "technology_absorption", "capability_demonstration"]}

# Fictional multinationals (companies of film and television, "Globex"-style: no real company), with
# sectors matched to Sakai's OECD sectors by
# core/sectors.py (software, telecommunications, pharmaceuticals, IT services, wholesale, finance),
# and some outside them (no OECD figures: "other").
PARTNERS = [
    ("Globex Software", "Software", "United States"),
    ("Initech", "Enterprise software", "United States"),
    ("Nakatomi Telecom", "Telecommunications", "Japan"),
    ("Hooli Mobile", "Mobile network operator", "United States"),
    ("Umbrella Pharmaceuticals", "Pharmaceuticals", "Germany"),
    ("Massive Dynamic Biotech", "Biotechnology", "United States"),
    ("Hooli Cloud", "Cloud services", "United States"),
    ("Cyberdyne IT Services", "IT services", "United States"),
    ("Dunder Mifflin Wholesale", "Wholesale distribution", "United States"),
    ("Vandelay Trading House", "Trading house", "United States"),
    ("Bluth Financial", "Financial services", "United States"),
    ("Acme Insurance", "Insurance", "United Kingdom"),
    ("Ewing Oil", "Oil and gas", "United States"),
    ("Weyland-Yutani Aerospace", "Aerospace", "United States"),
    ("Tyrell Motors", "Automotive", "Japan"),
]
# How often each sector's partners are drawn: software and IT services most, wholesale and finance rarely.
PARTNER_WEIGHT = {"Software": 3.0, "Enterprise software": 3.0, "Cloud services": 2.5, "IT services": 2.5,
                  "Wholesale distribution": 0.4, "Trading house": 0.4, "Financial services": 0.4, "Insurance": 0.4}

PURPOSES = {
    "joint_venture": "A joint venture to take our product to the partner's home market.",
    "minority_equity": "The partner takes a minority stake to fund our next product.",
    "licensing": "Licensing our technology to the partner for its own products.",
    "marketing_rights": "The partner markets our product under its brand in its territories.",
    "joint_development": "Developing a product together on the partner's platform.",
    "long_term_supply": "Supplying a component to the partner's production lines.",
    "distribution": "The partner resells our product through its field operations.",
    "corporate_venturing": "The partner's venture arm sponsors our growth as a first customer.",
    "contract": "Joining the partner's programme for independent vendors: tools, support and joint promotion.",
    "informal": "Early talks with the local subsidiary about what we could do together.",
}
OWNERS = ["Founder", "CEO", "Head of business development", "CTO", "Managing director"]
PATH = ["prospect", "assessing", "negotiating", "committed", "active"]


# --- answers drawn from an instrument's items ----------------------------------------------------------


def _candidates(item: Item) -> list[Any]:
    if item.kind == AnswerKind.LIKERT:
        return [1, 2, 3, 4, 5]
    if item.kind == AnswerKind.YES_NO:
        return [True, False]
    if item.kind in (AnswerKind.SINGLE, AnswerKind.MULTIPLE):
        return [o.value for o in item.options]
    return [p.at for p in item.scale]


def _nearest(item: Item, target: float) -> Any:
    """The answer to the item whose favourability (0 worst news .. 1 best) is nearest the target."""
    return min(_candidates(item), key=lambda v: (abs(favourability(item, parse_value(item, v)) - target), str(v)))


def answers(instrument: Instrument, rng: random.Random, strength: float, offsets: dict[str, float] | None = None,
            motives: list[str] | None = None, unknown: float = 0.08) -> dict[str, Any]:
    """Every item of the instrument answered around `strength` (favourability 0..1), some "don't know".

    `offsets` move single items up or down for the whole cohort (a barrier most firms share, a
    strategy most lack); `motives` are the options a multiple-choice item mostly picks from."""
    raw: dict[str, Any] = {}
    for item in instrument.items:
        if rng.random() < unknown:
            raw[item.id] = DONT_KNOW
        elif item.kind == AnswerKind.MULTIPLE:  # the MNC motives a firm can appeal to: one or two
            options = [v for v in (motives or ()) if v in _candidates(item)] or _candidates(item)
            raw[item.id] = rng.sample(options, min(len(options), rng.choice((1, 1, 2))))
        else:
            target = strength + (offsets or {}).get(item.id, 0.0) + rng.gauss(0, 0.1)
            raw[item.id] = _nearest(item, min(1.0, max(0.0, target)))
    return raw


def item_offsets(instruments: list[Instrument], rng: random.Random) -> dict[str, float]:
    """How much better or worse than a firm's usual each item is answered, the same across the cohort."""
    found = {item.id: rng.uniform(-0.2, 0.2) for instrument in instruments for item in instrument.items}
    return found | PINNED


# --- loading ---------------------------------------------------------------------------------------------


def demo_programme() -> Workspace | None:
    return Workspace.objects.filter(slug=SLUG, kind=Kind.PROGRAMME).first()


@transaction.atomic
def load_demo_programme(user) -> Workspace | None:
    """Create the demo programme, with `user` as its manager, unless it exists; None when it did.

    The local firm joins it with consent "named". Calling it again changes nothing."""
    if demo_programme() is not None:
        return None
    programme = Workspace.objects.create(name=NAME, slug=SLUG, kind=Kind.PROGRAMME)
    Membership.objects.create(workspace=programme, user=user, role=Role.MANAGER)
    Programme.objects.create(workspace=programme, about=about(), min_firms=MIN_FIRMS)
    _partner_programmes(programme)

    rng = random.Random(SEED)
    instruments = {name: get_instrument(name) for name in ("quick", "full")}
    offsets = item_offsets(list(instruments.values()), random.Random(SEED + 1))
    for index, (name, consent, furthest, kind, count) in enumerate(FIRMS):
        firm = Workspace.objects.create(name=f"{name} (demo)", slug=FIRM_SLUG.format(index + 1), kind=Kind.FIRM)
        _firm(firm, furthest, kind, count, rng, instruments, offsets)
        participation = Participation(workspace=programme, firm=firm, joined=moment(ago(rng.randint(60, 700))),
                                      consent=Consent.AGGREGATES if name == NARROWED else consent)
        participation.save()
        if name == NARROWED:
            participation.consent = consent
            participation.save(update_fields=["consent"])

    local = local_workspace()
    if not Participation.objects.filter(workspace=programme, firm=local, left__isnull=True).exists():
        participation = Participation(workspace=programme, firm=local, consent=Consent.NAMED, joined=moment(ago(60)))
        participation._history_user = user  # type: ignore[attr-defined]
        participation.save()
    return programme


def _partner_programmes(programme: Workspace) -> None:
    def make(**fields: Any) -> PartnerProgramme:
        return PartnerProgramme.objects.create(workspace=programme, **fields)

    bridging = "Lesson 3: engage proactively, (i) Use bridging mechanisms"

    make(name="Globex ISV Partner Programme (demo)", kind=PartnerKind.MNC_PROGRAMME,
         sponsor="Globex Software (fictional), through its local subsidiary",
         offers="For a small sign-up fee: the multinational's software free of charge for development, technical "
                "support, and joint promotion of members' products beside other partners' (roadshows). A strong link "
                "with the local subsidiary can be elevated to regional and global levels. Modelled on Microsoft's ISV "
                "partner programme as Prashantham describes it "
                f"({cite(PRASHANTHAM, bridging + '; box From Local Link to Global Visibility')}).",
         motives=["motive.technology_evangelisation"],
         assets=["asset.technology_ip", "asset.niche_products"])
    make(name="Tay Collaboration Initiative (demo)", kind=PartnerKind.PUBLIC_INITIATIVE,
         sponsor="A regional development agency (fictional)",
         offers="Brings multinationals' local subsidiaries and innovative new ventures together around needs of mutual "
                "interest, brokers and facilitates their meetings and pilot projects, and provides legal input, for "
                "example on agreements concerning intellectual property. Modelled on the STAC initiative "
                f"({cite(PRASHANTHAM, bridging + '; box From Idea to Innovation')}; "
                f"the Aberdeen pilots: {cite(PRASHANTHAM, 'box SME-MNC Linkages at the Bottom of the Pyramid?')}).",
         motives=["motive.technology_absorption", "motive.capability_demonstration"],
         assets=["asset.technology_ip", "asset.specialised_expertise"])
    make(name="Dundee Digital Cluster (demo)", kind=PartnerKind.CLUSTER,
         sponsor="The cluster's member firms and the local university (fictional)",
         offers="Business matching for locating partners at home and abroad, and collective work on quality and "
                "international marketing among firms close to each other. Modelled on what Sakai says of clusters "
                "and business organisations "
                f"({cite(SAKAI, 'Informal networks; Policy implications: Fostering business networking')}).",
         motives=["motive.technology_absorption", "motive.corporate_citizenship"],
         assets=["asset.local_market_knowledge", "asset.qcd_capability", "asset.niche_products"])


def _path(final: str, stopped: str) -> list[str]:
    """The stages an alliance went through to `final`; an ended one, up to `stopped` first."""
    if final != "ended":
        return PATH[:PATH.index(final) + 1]
    return PATH[:PATH.index(stopped) + 1] + ["ended"]


def _dated(path: list[str], started: int, rng: random.Random) -> list[tuple[int, str]]:
    """Days ago each stage began: the first when the alliance was first recorded, the last 10-120 days ago."""
    if len(path) == 1:
        return [(started, path[0])]
    last = rng.randint(10, min(120, started - len(path)))
    step = (started - last) / (len(path) - 1)
    return [(round(started - i * step), stage) for i, stage in enumerate(path)]


def _stages(furthest: str, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(stage now, furthest stage reached) of each of a firm's alliances: the first at the firm's furthest."""
    reachable = PATH[:PATH.index(furthest) + 1]
    found = [(furthest, furthest)]
    for _ in range(count - 1):
        reached = rng.choice(reachable)
        # A few alliances were committed and then ended (a decision at the partner's head office, say).
        ended = rng.random() < (0.35 if reached in ("committed", "active") else 0.15)
        found.append(("ended" if ended else reached, reached))
    return found


def _partners_for(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """Partners drawn without repeats, software and IT services most often, wholesale and finance rarely."""
    pool = list(PARTNERS)
    weights = [PARTNER_WEIGHT.get(sector, 1.0) for _, sector, _ in pool]
    chosen = []
    for _ in range(min(count, len(pool))):
        i = rng.choices(range(len(pool)), weights)[0]
        chosen.append(pool.pop(i))
        weights.pop(i)
    return chosen


def _firm(firm: Workspace, furthest: str, kind: str, count: int, rng: random.Random,
          instruments: dict[str, Instrument], offsets: dict[str, float]) -> None:
    """A member firm's own partners and alliances, in its own workspace only."""
    strength = STRENGTH[kind] + rng.gauss(0, 0.05)
    vocabulary = load_vocabulary()
    forms = [term.key.split(".", 1)[1] for term in vocabulary.in_group("form")]
    for (name, sector, country), (stage, reached) in zip(_partners_for(count, rng), _stages(furthest, count, rng)):
        partner = Partner.objects.create(workspace=firm, name=name, sector=sector, headquarters_country=country,
                                         subsidiary=f"{name}, local subsidiary")
        form = rng.choice(forms)
        alliance = save_alliance(Alliance(
            workspace=firm, name=f"{name}: {vocabulary.label('form.' + form).lower()}", purpose=PURPOSES[form],
            form=form, stage=stage, owner=rng.choice(OWNERS)), [partner])
        started = rng.randint(90, 720)
        _date_stages(alliance, _dated(_path(stage, reached), started, rng), started)
        _assess(alliance, rng, strength + rng.gauss(0, 0.05), kind, instruments, offsets)
        if stage != "ended":
            _track(alliance, partner, stage, kind, started, rng)
    bump_version(firm.pk)  # the records above written in bulk, without signals


def _date_stages(alliance: Alliance, stages: list[tuple[int, str]], started: int) -> None:
    """As demo_life.Life does: the alliance first recorded `started` days ago, and the path it took, dated."""
    Alliance.objects.filter(pk=alliance.pk).update(created=moment(ago(started)))
    StageChange.objects.filter(alliance=alliance).delete()
    StageChange.objects.bulk_create(StageChange(workspace_id=alliance.workspace_id, alliance=alliance, date=ago(days),
                                                stage=stage) for days, stage in stages)


def _assess(alliance: Alliance, rng: random.Random, strength: float, kind: str, instruments: dict[str, Instrument],
            offsets: dict[str, float]) -> None:
    if (alliance.stage == "prospect" and rng.random() < 0.5) or rng.random() < 0.1:
        return  # not assessed yet
    if rng.random() < 0.25:  # an earlier look, before the current one
        raw = answers(instruments["quick"], rng, strength - 0.1, offsets, MOTIVES[kind])
        earlier = assess_now(alliance, "quick", raw, respondent="Founder")
        _backdate(earlier, rng.randint(120, 300))
    name = "full" if rng.random() < FULL_SHARE[kind] else "quick"
    assess_now(alliance, name, answers(instruments[name], rng, strength, offsets, MOTIVES[kind]),
               respondent=rng.choice(OWNERS))


def _backdate(assessment: Assessment, days: int) -> None:
    day = timezone.now() - timedelta(days=days)
    Assessment.objects.filter(pk=assessment.pk).update(created=day, completed=day)


def _track(alliance: Alliance, partner: Partner, stage: str, kind: str, started: int, rng: random.Random) -> None:
    """A few records of the alliance's life, so that some warnings are open and most are not (written in bulk)."""
    strong = kind == "strong"
    owned = {"workspace_id": alliance.workspace_id, "alliance": alliance}
    people = [Contact(**owned, side=t.Side.OURS, name="Founder", level=t.Level.EXECUTIVE, role=t.Role.OWNER),
              Contact(**owned, side=t.Side.PARTNER, name="Partner manager", partner=partner,
                      unit=t.Unit.LOCAL_SUBSIDIARY, level=t.Level.MANAGER, role=t.Role.CHAMPION)]
    if rng.random() < (0.8 if strong else 0.3):  # someone beyond the local subsidiary
        people.append(Contact(**owned, side=t.Side.PARTNER, name="Regional lead", partner=partner,
                              level=t.Level.MANAGER, unit=rng.choice([t.Unit.HEAD_OFFICE, t.Unit.OTHER_SUBSIDIARY])))
    if stage in ("committed", "active") and rng.random() < 0.6:
        people.append(Contact(**owned, side=t.Side.PARTNER, name="Field sales", partner=partner,
                              unit=t.Unit.FIELD_OPERATIONS, level=t.Level.OPERATIONAL))
    ours, local = Contact.objects.bulk_create(people)[:2]
    # The last meeting in person: weeks ago for most, months ago for some (no face-to-face contact).
    last = rng.randint(5, 60) if rng.random() < (0.85 if strong else 0.6) else rng.randint(100, 240)
    meetings = Interaction.objects.bulk_create([
        Interaction(**owned, date=ago(min(last, started)), kind=t.InteractionKind.FACE_TO_FACE,
                    initiated_by=t.Side.OURS),
        Interaction(**owned, date=ago(min(rng.randint(1, 30), started)), kind=t.InteractionKind.EMAIL)])
    Interaction.ours.through.objects.bulk_create(Interaction.ours.through(interaction_id=m.pk, contact_id=ours.pk)
                                                 for m in meetings)
    Interaction.theirs.through.objects.bulk_create(Interaction.theirs.through(interaction_id=m.pk, contact_id=local.pk)
                                                   for m in meetings)
    if rng.random() < 0.85:
        NextStep.objects.create(**owned, text="Send the partner the updated proposal", due=ahead(rng.randint(-20, 30)),
                                owner="Founder")
    if stage in ("committed", "active"):
        if rng.random() < (0.85 if strong else 0.5):
            kind_of = rng.choice([t.CommitmentKind.CONTRACT, t.CommitmentKind.MOU, t.CommitmentKind.LICENCE])
            Commitment.objects.create(**owned, kind=kind_of, title="Agreement", status=t.CommitmentStatus.SIGNED,
                                      started=ago(min(started, 150)), signed=ago(min(started, 140)),
                                      expires=ahead(rng.randint(20, 500)))
        if rng.random() < 0.4:
            _health_check(alliance, rng.randint(30, 100), rng.randint(5, 25), rng)
    elif stage == "negotiating" and rng.random() < 0.6:
        Commitment.objects.create(**owned, kind=t.CommitmentKind.MOU, title="Memorandum of understanding",
                                  status=t.CommitmentStatus.DRAFT, started=ago(min(started, 90)))


def _health_check(alliance: Alliance, opened: int, closed: int, rng: random.Random) -> None:
    """A check answered the way the health services take it (as demo_life.Life.health_check does)."""
    check = health.open_check(alliance, ["Founder"], ["Partner manager"], on=ago(opened))
    items = [item.id for item in load_health_check(check.instrument_version).items]
    for response in check.responses.all():
        health.save_answers(response, {item: {"value": rng.choice((3, 4, 4, 5))} for item in items}, submit=True)
    health.close_check(check, on=ago(closed))
    HealthResponse.objects.filter(health_check=check).update(submitted=moment(ago(closed)))
