"""The demo portfolio: alliances drawn from the case stories in the source documents.

Profiles and answers say only what the sources say; where a source is silent the
field is left blank or the answer is "don't know". Notes cite the passage.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now
from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio import demo_life
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.portfolio.services import save_alliance

DK = "dont_know"
# The seeds the notes cite; readers see them as the vocabulary cites them (author and title, never the file).
PRASHANTHAM = "000_587ecadf5e23e0b4.txt"
THESIS = "004_37010681c2ba077a.txt"


def cite(seed: str, passage: str) -> str:
    return load_vocabulary().cite(seed, passage)


def workspace_is_empty(workspace) -> bool:
    return not (Partner.objects.filter(workspace=workspace).exists() or Alliance.objects.filter(workspace=workspace).exists())


def _backdate(assessment: Assessment, days: int) -> None:
    moment = timezone.now() - timedelta(days=days)
    Assessment.objects.filter(pk=assessment.pk).update(created=moment, completed=moment)


@transaction.atomic
def load_demo(workspace) -> None:
    """Fill an empty workspace with the demo portfolio; refuses a workspace that already holds data."""
    if not workspace_is_empty(workspace):
        raise ValueError("The demo is only loaded into an empty workspace.")
    partners = _partners(workspace)
    # Each story's assessments (below), then its life over time (demo_life.py): people, meetings,
    # milestones, commitments, health checks and the dated stages, counted back from today.
    demo_life.skelta(_skelta(workspace, partners["microsoft"]))
    demo_life.hmd(_hmd(workspace, partners["sun"]))
    demo_life.mitoken(_mitoken(workspace, partners["motorola"]))
    demo_life.aberdeen(_aberdeen(workspace, partners["eds"], partners["motorola"]), partners["eds"], partners["motorola"])
    demo_life.firm_b(_firm_b(workspace, partners["us_partner"]))


def _partners(workspace) -> dict[str, Partner]:
    def make(**fields: Any) -> Partner:
        return Partner.objects.create(workspace=workspace, **fields)

    return {
        "microsoft": make(
            name="Microsoft", headquarters_country="United States", sector="Software",
            subsidiary="Microsoft India, Bangalore",
            subsidiary_mandate="Runs the partner programme for independent software vendors (ISVs): free development "
                               "software, technical support and joint promotion such as roadshows, for a fee of about $400.",
            autonomy="medium", proximity="same_city",
            internal_politics="Visibility can rise from the Indian subsidiary to regional and global levels 'given the way "
                              "the hierarchy works'; Microsoft wants local firms to build on its platform technologies.",
            notes=cite(PRASHANTHAM, "box 'From Local Link to Global Visibility: Skelta and Microsoft in Bangalore'; "
                                    "(ii) Technology evangelisation.")),
        "sun": make(
            name="Sun Microsystems", headquarters_country="United States", sector="Computer systems",
            subsidiary="Sun Microsystems, Linlithgow (Scotland)",
            subsidiary_mandate="Wanted to host the proposed European RFID testing centre; worked with local SMEs to show "
                               "its RFID credentials to its US headquarters.",
            autonomy="low", proximity="same_region",
            internal_politics="Internal competition among Sun's European subsidiaries to host the RFID testing centre. "
                              "High-level decisions at the US offices, beyond the subsidiary's control, ended the HMD alliance.",
            notes=cite(PRASHANTHAM, "box 'From Idea to Innovation: HMD Clinical and Sun Microsystems in Scotland'; "
                                    "(iv) Capability demonstration.")),
        "motorola": make(
            name="Motorola", headquarters_country="United States", sector="Telecommunications",
            subsidiary="Motorola India, Bangalore",
            subsidiary_mandate="Incubated Mitoken and acted as its corporate sponsor; facilitated its first large "
                               "contract with Motorola in Chicago.",
            autonomy="", proximity="same_city",
            notes=cite(PRASHANTHAM, "(v) Spin-off support; Table 1. Also a pilot partner in the Aberdeen RFID projects "
                                    "brokered by STAC.")),
        "eds": make(
            name="EDS", headquarters_country="United States", sector="IT services",
            subsidiary="EDS in Aberdeen",
            subsidiary_mandate="Worked with an innovative local software start-up on RFID track-and-trace applications "
                               "for the oil and gas industry.",
            notes=cite(PRASHANTHAM, "(iii) Technology absorption; Table 1 ('EDS's collaboration with an Aberdeen SME').")),
        "us_partner": make(
            name="US technology partner (San Diego)", headquarters_country="United States", sector="IT",
            subsidiary="Head office in San Diego; field operations elsewhere in the US (e.g. Boise, Idaho; New York)",
            subsidiary_mandate="Resells Firm B's product through its field operations.",
            autonomy="low", proximity="overseas",
            internal_politics="Decisions and negotiations are made by the larger partner, often in meetings the SME "
                              "does not attend; a proposal needs several people to agree, and any one can stop it.",
            notes=cite(THESIS, "4.4.3 Imbalance of Negotiation Power; 4.5.4 Understanding Field Operations. "
                               "The thesis does not name the partner.")),
    }


def _alliance(workspace, partners: list[Partner], **fields: Any) -> Alliance:
    return save_alliance(Alliance(workspace=workspace, **fields), partners)


def _skelta(workspace, microsoft: Partner) -> Alliance:
    alliance = _alliance(
        workspace, [microsoft], name="Skelta × Microsoft India: ISV partner programme", stage="active", form="contract",
        owner="Top management team",
        purpose="Skelta, a Bangalore software start-up, builds its workflow products on Microsoft technology and uses "
                "the ISV programme for technical support, joint promotion and visibility with global customers.")
    early = assess_now(alliance, "quick", {
        "quick.customer_need": 4, "quick.unique_offering": {"value": 4, "note": "Clear vision of excellence in the software product space."},
        "quick.route_to_market": "joint_promotion", "quick.sme_value_to_mnc": 3,
        "quick.mnc_motive": ["technology_evangelisation"], "quick.mnc_value_to_sme": 4,
        "quick.local_autonomy": DK, "quick.dependence": DK, "quick.acquisition": DK,
        "quick.ip_exposure": DK, "quick.partner_track_record": DK, "quick.written_commitment_stage": "signed",
    }, respondent="Founder, on joining the programme")
    _backdate(early, 740)
    award = assess_now(alliance, "quick", {
        "quick.customer_need": 4,
        "quick.unique_offering": {"value": 5, "evidence": cite(PRASHANTHAM, "worldwide award for innovation at Microsoft's worldwide partner conference")},
        "quick.route_to_market": "joint_promotion", "quick.sme_value_to_mnc": 4,
        "quick.mnc_motive": ["technology_evangelisation"], "quick.mnc_value_to_sme": 4,
        "quick.local_autonomy": DK, "quick.dependence": 2, "quick.ip_exposure": DK, "quick.acquisition": DK,
        "quick.partner_track_record": 4, "quick.written_commitment_stage": "signed",
    }, respondent="CEO, after the partner conference award")
    _backdate(award, 460)
    assess_now(alliance, "quick", {
        "quick.customer_need": 4,
        "quick.unique_offering": {"value": 5, "evidence": cite(PRASHANTHAM, "worldwide award for innovation at Microsoft's worldwide partner conference")},
        "quick.route_to_market": {"value": "joint_promotion", "evidence": cite(PRASHANTHAM, "products promoted through roadshows with other Microsoft partners")},
        "quick.sme_value_to_mnc": {"value": 4, "note": "Exceptional among the hundreds of ISVs in the programme."},
        "quick.mnc_motive": ["technology_evangelisation", "capability_demonstration"],
        "quick.mnc_value_to_sme": {"value": 5, "evidence": cite(PRASHANTHAM, "featured on Microsoft's global Web site for Vista")},
        "quick.local_autonomy": {"value": DK, "note": "Links on multiple levels, elevated to regional and global levels."},
        "quick.dependence": 3, "quick.ip_exposure": DK, "quick.acquisition": DK,
        "quick.partner_track_record": {"value": 4, "evidence": cite(PRASHANTHAM, "'We are helping Skelta. More importantly, they are helping themselves'")},
        "quick.written_commitment_stage": {"value": "signed", "note": "Signed up to the ISV partner programme."},
    }, respondent="CEO")
    return alliance


def _hmd(workspace, sun: Partner) -> Alliance:
    alliance = _alliance(
        workspace, [sun], name="HMD Clinical × Sun Microsystems: RFID for clinical trials", stage="ended",
        form="joint_development", owner="Co-founder",
        purpose="HMD, an Edinburgh start-up, wanted RFID expertise and the standing of a big partner to take its "
                "RFID-based product for clinical-trial logistics to international customers.")
    before = assess_now(alliance, "quick", {
        "quick.customer_need": {"value": 4, "evidence": cite(PRASHANTHAM, "inefficiencies, largely due to human error, in managing large clinical trials")},
        "quick.unique_offering": 4, "quick.route_to_market": DK, "quick.sme_value_to_mnc": 4,
        "quick.mnc_motive": ["capability_demonstration"], "quick.mnc_value_to_sme": 4,
        "quick.local_autonomy": DK, "quick.dependence": 2, "quick.ip_exposure": 2, "quick.acquisition": DK,
        "quick.partner_track_record": DK, "quick.written_commitment_stage": DK,
    }, respondent="Co-founder, before the first meetings")
    _backdate(before, 695)
    after = assess_now(alliance, "quick", {
        "quick.customer_need": 4, "quick.unique_offering": 4, "quick.route_to_market": DK, "quick.sme_value_to_mnc": 4,
        "quick.mnc_motive": ["capability_demonstration"], "quick.mnc_value_to_sme": 4, "quick.acquisition": DK,
        "quick.local_autonomy": {"value": 5, "evidence": cite(PRASHANTHAM, "terminated after about six months by high-level decisions at Sun's US offices")},
        "quick.dependence": 2,
        "quick.ip_exposure": {"value": 2, "note": "Modular knowledge transfer: HMD kept a working prototype on Sun's hardware platform."},
        "quick.partner_track_record": DK, "quick.written_commitment_stage": DK,
    }, respondent="Co-founder, looking back")
    _backdate(after, 320)  # after the alliance ended (demo_life.hmd)
    return alliance


def _mitoken(workspace, motorola: Partner) -> Alliance:
    alliance = _alliance(
        workspace, [motorola], name="Mitoken × Motorola India: spin-off sponsorship", stage="active",
        form="corporate_venturing", owner="Co-founders",
        purpose="Mitoken, spun off from Motorola's Bangalore operations with an innovation outside Motorola's strategy, "
                "grows with Motorola as corporate sponsor and first large international customer.")
    first = assess_now(alliance, "quick", {
        "quick.customer_need": 4, "quick.unique_offering": 4, "quick.route_to_market": DK, "quick.sme_value_to_mnc": 3,
        "quick.mnc_motive": ["spin_off_support"],
        "quick.mnc_value_to_sme": {"value": 5, "note": "Corporate sponsor; a senior executive mentors Mitoken as a board member."},
        "quick.local_autonomy": DK, "quick.dependence": 3, "quick.ip_exposure": DK, "quick.acquisition": DK,
        "quick.partner_track_record": 4, "quick.written_commitment_stage": "signed",
    }, respondent="Co-founder, at the first Chicago contract")
    _backdate(first, 880)
    assess_now(alliance, "quick", {
        "quick.customer_need": {"value": 5, "evidence": cite(PRASHANTHAM, "first big international break: a large contract from Motorola in Chicago")},
        "quick.unique_offering": 4, "quick.route_to_market": DK, "quick.sme_value_to_mnc": 3,
        "quick.mnc_motive": ["spin_off_support"],
        "quick.mnc_value_to_sme": {"value": 5, "note": "Corporate sponsor; a senior executive mentors Mitoken as a board member."},
        "quick.local_autonomy": DK, "quick.dependence": 4, "quick.ip_exposure": DK, "quick.acquisition": DK,
        "quick.partner_track_record": 4, "quick.written_commitment_stage": "signed",
    }, respondent="Co-founder")
    return alliance


def _aberdeen(workspace, eds: Partner, motorola: Partner) -> Alliance:
    alliance = _alliance(
        workspace, [eds, motorola], name="Aberdeen RFID pilots (STAC consortium)", stage="active",
        form="joint_development", owner="Founder of the RFID start-up",
        purpose="An innovative Aberdeen software start-up with RFID expertise runs pilot projects with EDS and Motorola "
                "to track and trace equipment and people in the oil and gas industry; the STAC initiative brought the "
                "players together and identified the needs.")
    AllianceMember.objects.filter(alliance=alliance, partner=eds).update(role="Pilot partner (technology absorption)")
    AllianceMember.objects.filter(alliance=alliance, partner=motorola).update(role="Pilot partner")
    whole = {
        "quick.customer_need": {"value": 5, "evidence": cite(PRASHANTHAM, "extensive consultation by STAC identified needs of mutual interest")},
        "quick.unique_offering": 4, "quick.route_to_market": DK, "quick.sme_value_to_mnc": 4,
        "quick.mnc_motive": ["technology_absorption"], "quick.mnc_value_to_sme": 4, "quick.acquisition": DK,
        "quick.local_autonomy": DK, "quick.dependence": 3, "quick.ip_exposure": 3, "quick.partner_track_record": DK,
        "quick.written_commitment_stage": {"value": DK, "note": "Intermediaries such as STAC could broker a written agreement."},
    }
    eds_view = whole | {"quick.mnc_motive": ["technology_absorption"], "quick.ip_exposure": 4}
    kick_off = assess_now(alliance, "quick", whole | {"quick.customer_need": 4, "quick.ip_exposure": DK},
                          respondent="Founder, at the pilot kick-off")
    _backdate(kick_off, 420)
    assess_now(alliance, "quick", eds_view, respondent="Founder", partner=eds)
    assess_now(alliance, "quick", whole, respondent="Founder")
    return alliance


def _firm_b(workspace, partner: Partner) -> Alliance:
    alliance = _alliance(
        workspace, [partner], name="Firm B (NZ IT) × US partner: reseller agreement", stage="active", form="distribution",
        owner="Managing director",
        purpose="A New Zealand IT firm (20 staff, since 2000) sells its specialised service through a large US partner "
                "that resells it via its field operations.")
    quick = assess_now(alliance, "quick", {
        "quick.customer_need": 4, "quick.unique_offering": 3, "quick.route_to_market": "partner_channel",
        "quick.sme_value_to_mnc": 3, "quick.mnc_motive": DK, "quick.mnc_value_to_sme": 4,
        "quick.local_autonomy": {"value": DK, "note": cite(THESIS, "'the sales go on when you're not in the room'")},
        "quick.dependence": 3, "quick.ip_exposure": DK, "quick.partner_track_record": DK, "quick.acquisition": DK,
        "quick.written_commitment_stage": {"value": "signed", "note": "A resell agreement is signed."},
    }, respondent="Managing director")
    _backdate(quick, 420)
    assess_now(alliance, "full", {
        "full.customer_need": 4, "full.route_to_market": "partner_channel",
        "full.offer_brand": {"value": 4, "evidence": cite(THESIS, "4.2.1 Gaining Legitimacy")},
        "full.offer_distribution": 3,
        "full.governing_law": {"value": "partner_courts_abroad", "evidence": cite(THESIS, "'You're going to be doing laws of wherever they're based'")},
        "full.decisions_without_sme": 4, "full.negotiating_power": 2, "full.hidden_costs": 3,
        "full.field_operations": {"value": 4, "evidence": cite(THESIS, "'we need to get to Boise, Idaho, or New York and make friends with the field operations'")},
        "full.face_to_face": 4, "full.clarified_agendas": 4, "full.structure": "distribution",
        "full.network_endowment": 4, "full.network_leverage": 4,
        "full.networks_legitimacy": {"value": 4, "evidence": cite(THESIS, "4.5.3 Maximising Networks")},
        "full.barrier_asymmetry": 3, "full.barrier_access": 3, "full.alliance_owner": "owner",
    }, respondent="Managing director")
    return alliance
