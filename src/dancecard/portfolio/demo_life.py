"""The demo alliances' lives: people, meetings, milestones, commitments, health checks and stages.

Drawn from the same case stories as the assessments in demo.py (Prashantham, 000: Skelta and
Microsoft, HMD Clinical and Sun, Mitoken and Motorola, the STAC pilots in Aberdeen; the New
Zealand thesis, 004: Firm B and its US partner). The sources tell what happened, not when or who
exactly: dates and the people's titles are filled in to fit each story, and the people are named by
their role, never with invented names. Notes cite the passage a record rests on.

Every date is counted back from the day the demo is loaded, so the early-warning signals read the
same story whenever it is loaded (tests/portfolio/test_demo_life.py says which fire for whom):

- Skelta: the success story, links from Bangalore up to Redmond; only its yearly programme
  membership is about to lapse.
- HMD Clinical: modular knowledge transfer, then a decision at Sun's US offices ended the work; the
  alliance has ended, so it raises nothing today (on the week of the decision it raised several).
- Mitoken: growing dependence on Motorola, its board sponsor gone, the Chicago contract lapsed while
  Motorola reopens its terms.
- Aberdeen pilots: local links only, an offshore pilot postponed twice, nothing signed but an NDA.
- Firm B: one contact at head office in San Diego, nobody in the field, no visit for months, and
  "the sales go on when you're not in the room".
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from dancecard.core import timeline as t
from dancecard.core.health import load_health_check
from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.models import Alliance, Partner
from dancecard.tracking.health import services as health
from dancecard.tracking.models import (
    Commitment,
    Contact,
    HealthResponse,
    Interaction,
    Milestone,
    NextStep,
    RevenueShare,
    StageChange,
)
from dancecard.tracking.work.services import close, postpone

# The seeds the notes cite; readers see them as the vocabulary cites them (author and title, never the file).
PRASHANTHAM = "000_587ecadf5e23e0b4.txt"
THESIS = "004_37010681c2ba077a.txt"

F2F, INFORMAL, CALL, VIDEO, EMAIL, EVENT = (t.InteractionKind.FACE_TO_FACE, t.InteractionKind.INFORMAL,
                                            t.InteractionKind.CALL, t.InteractionKind.VIDEO,
                                            t.InteractionKind.EMAIL, t.InteractionKind.EVENT)
LOCAL, HEAD, OTHER, FIELD = (t.Unit.LOCAL_SUBSIDIARY, t.Unit.HEAD_OFFICE, t.Unit.OTHER_SUBSIDIARY,
                             t.Unit.FIELD_OPERATIONS)


def ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def ahead(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


class Life:
    """One alliance's records, written in the order the story tells them. Days are counted back from today."""

    def __init__(self, alliance: Alliance, started: int, stages: list[tuple[int, str]]):
        self.alliance = alliance
        self.workspace_id = alliance.workspace_id
        self.people: dict[str, Contact] = {}
        # First recorded when the story starts: the clocks of the signals run from here, not from today.
        Alliance.objects.filter(pk=alliance.pk).update(created=moment(ago(started)))
        alliance.refresh_from_db(fields=["created"])
        # Saving the alliance recorded its stage today; the path it really took is dated here.
        StageChange.objects.filter(alliance=alliance).delete()
        for days, stage in stages:
            StageChange.objects.create(workspace_id=self.workspace_id, alliance=alliance, date=ago(days), stage=stage)
        assert stages[-1][1] == alliance.stage, "the last stage of the story is the alliance's stage"

    def _owned(self, **fields: Any) -> dict[str, Any]:
        return {"workspace_id": self.workspace_id, "alliance": self.alliance, **fields}

    def person(self, key: str, name: str, side: str = t.Side.PARTNER, known_by: str = "", partner: Partner | None = None,
               **fields: Any) -> Contact:
        if side == t.Side.PARTNER and partner is None:
            partner = self.alliance.partners.get()
        contact = Contact.objects.create(**self._owned(side=side, name=name, partner=partner,
                                                       known_by=self.people.get(known_by), **fields))
        self.people[key] = contact
        return contact

    def met(self, days: int, kind: str, ours: tuple[str, ...] = (), theirs: tuple[str, ...] = (), note: str = "",
            initiated_by: str = "", **flags: bool) -> Interaction:
        interaction = Interaction.objects.create(**self._owned(date=ago(days), kind=kind, note=note,
                                                               initiated_by=initiated_by, **flags))
        interaction.ours.set([self.people[k] for k in ours])
        interaction.theirs.set([self.people[k] for k in theirs])
        return interaction

    def milestone(self, title: str, due: date, value: str = "", owner: str = "",
                  postponed: tuple[tuple[int, date, str], ...] = (), done: int | None = None,
                  cancelled: int | None = None) -> Milestone:
        milestone = Milestone.objects.create(**self._owned(title=title, due=due, value_if_stopped=value, owner=owner))
        for days, new_due, reason in postponed:
            postpone(milestone, new_due, reason, on=ago(days))
        if done is not None:
            close(milestone, t.MilestoneStatus.DONE, on=ago(done))
        if cancelled is not None:
            close(milestone, t.MilestoneStatus.CANCELLED, on=ago(cancelled))
        return milestone

    def commitment(self, kind: str, title: str, started: int, status: str = t.CommitmentStatus.SIGNED,
                   signed: int | None = None, expires: date | None = None, **terms: Any) -> Commitment:
        return Commitment.objects.create(**self._owned(
            kind=kind, title=title, status=status, started=ago(started),
            signed=ago(signed) if signed is not None else None, expires=expires, **terms))

    def step(self, text: str, due: date | None, done: int | None = None, owner: str = "") -> NextStep:
        return NextStep.objects.create(**self._owned(text=text, due=due, owner=owner,
                                                     done=ago(done) if done is not None else None))

    def share(self, days: int, percent: str) -> RevenueShare:
        return RevenueShare.objects.create(**self._owned(date=ago(days), percent=Decimal(percent)))

    def health_check(self, opened: int, closed: int, ours: dict[str, str], partner: dict[str, str]) -> None:
        """A check answered on the way the health services take it: each person's ten answers as a string of
        digits 1-5 in the file's order ('0' for don't know), submitted and closed on the day given."""
        check = health.open_check(self.alliance, list(ours), list(partner), on=ago(opened))
        items = [item.id for item in load_health_check(check.instrument_version).items]
        given = ours | partner
        for response in check.responses.all():
            digits = given[response.name]
            assert len(digits) == len(items), f"{response.name}: {len(items)} answers expected"
            health.save_answers(response, {item: {"value": int(d) if d != "0" else "dont_know"}
                                           for item, d in zip(items, digits)}, submit=True)
        health.close_check(check, on=ago(closed))
        HealthResponse.objects.filter(health_check=check).update(submitted=moment(ago(closed)))


def cite(seed: str, passage: str) -> str:
    return load_vocabulary().cite(seed, passage)


# --- Skelta and Microsoft in Bangalore ----------------------------------------------------------------


def skelta(alliance: Alliance) -> None:
    """From the local ISV programme to global visibility (000, box 'From Local Link to Global Visibility')."""
    life = Life(alliance, started=760, stages=[(760, "assessing"), (735, "committed"), (700, "active")])
    life.person("ceo", "Founder and CEO", side=t.Side.OURS, level=t.Level.EXECUTIVE, role=t.Role.OWNER,
                notes="The top management team engages Microsoft proactively, locally and internationally "
                      f"({cite(PRASHANTHAM, 'Skelta box')}).")
    life.person("bd", "Head of BD", side=t.Side.OURS, job_title="Head of business development", level=t.Level.MANAGER)
    life.person("isv", "ISV programme lead", unit=LOCAL, level=t.Level.MANAGER, role=t.Role.CHAMPION, known_by="ceo",
                job_title="ISV partner programme, Microsoft India, Bangalore",
                notes="In the case, Microsoft India's Rajiv Sodhi was instrumental in fostering the relationship under "
                      f"the ISV programme ({cite(PRASHANTHAM, 'Skelta box')}).")
    life.person("evangelist", "Platform evangelist", unit=LOCAL, level=t.Level.OPERATIONAL, known_by="bd",
                job_title="Developer platform, Microsoft India",
                notes=f"MNC managers who win SMEs over to their software are 'evangelists' ({cite(PRASHANTHAM, '(ii) Technology evangelisation')}).")
    life.person("marketing", "Partner marketing", unit=FIELD, level=t.Level.MANAGER, known_by="bd",
                job_title="Partner marketing and roadshows, Microsoft India sales",
                notes=f"Products promoted through roadshows with other Microsoft partners ({cite(PRASHANTHAM, 'Skelta box')}).")
    life.person("regional", "Regional ISV lead", unit=OTHER, level=t.Level.MANAGER, known_by="ceo",
                job_title="ISV programme, Asia-Pacific region",
                notes="'It's not a very distant point in time when you start getting elevated to regional levels, to "
                      f"global levels' ({cite(PRASHANTHAM, 'Skelta box')}).")
    life.person("redmond", "Global ISV director", unit=HEAD, level=t.Level.EXECUTIVE, role=t.Role.SPONSOR,
                known_by="ceo", job_title="Worldwide ISV partner programme, Redmond (US headquarters)",
                notes=f"Visibility extended to the global HQ in the Seattle area ({cite(PRASHANTHAM, '(iii) Network across boundaries')}).")

    life.met(750, EVENT, ("ceo", "bd"), ("isv", "evangelist"), initiated_by=t.Side.OURS,
             note="ISV programme sign-up day at Microsoft India: free development software and technical support for "
                  "a fee of about $400.")
    life.met(700, F2F, ("bd",), ("evangelist",), note="Technical review of the workflow product on Microsoft's platform.")
    life.met(640, EMAIL, ("bd",), ("marketing",), note="Invitation to the partner roadshow.")
    life.met(620, EVENT, ("ceo", "bd"), ("marketing", "isv"),
             note="Roadshow in Bangalore: Skelta's product promoted beside other Microsoft partners' (downstream benefit).")
    life.met(545, VIDEO, ("ceo",), ("regional", "isv"), initiated_by=t.Side.PARTNER,
             note="Microsoft India introduces Skelta to the regional ISV lead.")
    life.met(470, EVENT, ("ceo",), ("redmond", "regional"),
             note="Microsoft's worldwide partner conference in the US: Skelta wins the award for innovation.")
    life.met(400, EMAIL, ("bd",), ("redmond",), note="Skelta's page on Microsoft's global Web site for Vista goes live.")
    life.met(300, CALL, ("ceo",), ("regional",), note="Quarterly call with the regional lead: joint customers in the region.")
    life.met(205, EVENT, ("bd",), ("marketing",), note="Roadshow in Hyderabad and Chennai with partner marketing.")
    life.met(115, EVENT, ("ceo",), ("redmond", "isv"),
             note="Partner conference in the US; a working session with the global programme team.")
    life.met(60, CALL, ("bd",), ("marketing",), note="Planning the joint launch of the next release.")
    life.met(25, F2F, ("ceo", "bd"), ("isv", "evangelist"), initiated_by=t.Side.OURS,
             note="Quarterly review at Microsoft India, Bangalore.")

    life.milestone("Workflow product running on Microsoft's platform, reviewed by the evangelist", ago(660),
                   value="A product on a mainstream platform that we sell with or without the programme.", done=655)
    life.milestone("First roadshow with Microsoft partners", ago(620), value="The customer leads from the roadshow are ours.",
                   done=620)
    life.milestone("Entry for the partner conference's innovation award", ago(480),
                   value="The award and its publicity stay with us.", done=470)
    life.milestone("Listed on Microsoft's global Web site for Vista", ago(420), value="Global visibility and references.",
                   postponed=((425, ago(400), "Microsoft's Web team waited for the platform launch date"),), done=400)
    life.milestone("Joint launch of the next release", ahead(20), owner="Head of BD",
                   value="The release stands on its own; only the joint promotion would be lost.",
                   postponed=((30, ahead(60), "Microsoft moved its launch events to match the platform release"),))

    life.commitment(t.CommitmentKind.CONTRACT, "ISV partner programme membership", started=740, signed=735,
                    status=t.CommitmentStatus.EXPIRED, expires=ago(370), renewal=t.Renewal.BY_AGREEMENT,
                    exclusivity=False, ip_ownership=t.IpOwnership.OURS,
                    notes=f"Signing up requires a fee of about $400 ({cite(PRASHANTHAM, 'Skelta box')}).")
    life.commitment(t.CommitmentKind.CONTRACT, "ISV partner programme membership (renewal)", started=375, signed=372,
                    expires=ahead(10), renewal=t.Renewal.BY_AGREEMENT, exclusivity=False, ip_ownership=t.IpOwnership.OURS)

    life.step("Send the reviewed build to the platform evangelist", ago(665), done=660, owner="Head of BD")
    life.step("Submit the innovation award entry", ago(485), done=482, owner="Founder and CEO")
    life.step("Renew the ISV programme membership before it lapses", ahead(7), owner="Head of BD")

    life.share(365, "8.0")
    life.share(30, "12.0")
    life.health_check(410, 400, {"Founder and CEO": "4444444343"}, {"ISV programme lead": "4443444443"})
    life.health_check(225, 215, {"Founder and CEO": "4444544444"}, {"ISV programme lead": "4444444444"})
    life.health_check(50, 40, {"Founder and CEO": "5454544444", "Head of BD": "4444544444"},
                      {"ISV programme lead": "5444454444"})


# --- HMD Clinical and Sun Microsystems in Scotland --------------------------------------------------


def hmd(alliance: Alliance) -> None:
    """Modular knowledge transfer, then a decision at Sun's US offices ended it (000, box 'From Idea to Innovation')."""
    life = Life(alliance, started=720, stages=[(720, "prospect"), (690, "assessing"), (640, "negotiating"),
                                               (600, "committed"), (540, "active"), (330, "ended")])
    life.person("cofounder", "Co-founder", side=t.Side.OURS, level=t.Level.EXECUTIVE, role=t.Role.OWNER,
                job_title="Co-founder, commercial")
    life.person("tech", "Technical lead", side=t.Side.OURS, level=t.Level.MANAGER, job_title="RFID product development")
    life.person("rfid", "RFID programme lead", unit=LOCAL, level=t.Level.MANAGER, role=t.Role.CHAMPION,
                known_by="cofounder", job_title="Sun Microsystems, Linlithgow",
                notes="Linlithgow wanted to show its RFID credentials to US headquarters, to host the European RFID "
                      f"testing centre ({cite(PRASHANTHAM, '(iv) Capability demonstration')}).")
    life.person("site", "Site director", unit=LOCAL, level=t.Level.EXECUTIVE, role=t.Role.SPONSOR, known_by="cofounder",
                job_title="Sun Microsystems, Linlithgow")
    life.person("engineer", "RFID engineer", unit=LOCAL, level=t.Level.OPERATIONAL, known_by="tech",
                job_title="Sun Microsystems, Linlithgow")

    life.met(720, INFORMAL, ("cofounder",), ("rfid",), initiated_by=t.Side.OURS,
             note="A chat at a STAC event: Sun's Linlithgow site wants to host a European RFID testing centre "
                  "(serendipity and foresight, in the case's words).")
    life.met(690, F2F, ("cofounder",), ("rfid",), initiated_by=t.Side.OURS,
             note="First meeting at Linlithgow, arranged through the STAC initiative.")
    life.met(670, F2F, ("cofounder", "tech"), ("rfid", "engineer"),
             note="Sun is interested in working with HMD on its product idea.")
    life.met(650, F2F, ("cofounder",), ("site", "rfid"), note="Sun's case to host the European RFID testing centre.")
    life.met(600, F2F, ("cofounder", "tech"), ("rfid", "engineer"),
             note="Kick-off; the alliance now includes another new venture specialising in RFID.")
    life.met(560, CALL, ("tech",), ("engineer",), note="Tagging trial kits: test plan.")
    life.met(520, F2F, ("tech",), ("engineer",), note="Technical session at Linlithgow.")
    life.met(470, F2F, ("tech",), ("engineer", "rfid"), note="Prototype build week on Sun's hardware platform.")
    life.met(420, CALL, ("cofounder",), ("rfid",), note="Preparing the customer demonstration.")
    life.met(380, EVENT, ("cofounder", "tech"), ("rfid", "site"),
             note="Prototype demonstrated to a potential international customer at the Sun facility in Linlithgow "
                  f"({cite(PRASHANTHAM, 'HMD box')}).")
    life.met(360, CALL, ("cofounder",), ("rfid",), initiated_by=t.Side.PARTNER, decision_without_us=True,
             note="High-level decisions at Sun's US offices end the project, beyond the control of the subsidiary and "
                  f"of HMD ({cite(PRASHANTHAM, 'HMD box')}).")
    life.met(345, F2F, ("cofounder", "tech"), ("rfid", "site"), note="Closing meeting: HMD keeps the working prototype.")

    life.milestone("Module 1: RFID tagging of trial kits on Sun's platform", ago(500),
                   value="Know-how on tagging trial kits, kept in our own design documents.", done=500)
    life.milestone("Module 2: working prototype on Sun's hardware platform", ago(430),
                   value="A working prototype that needs no further technology development going forward (the case).",
                   postponed=((440, ago(400), "Evaluation hardware arrived late from Sun's US warehouse"),), done=400)
    life.milestone("Module 3: demonstration to an international customer", ago(380),
                   value="A reference demonstration for our own sales.", done=380)
    life.milestone("Module 4: pilot in a live clinical trial through the RFID testing centre", ago(300),
                   value="Nothing beyond modules 1-3: the pilot depended on Sun's testing centre.", cancelled=360)

    life.commitment(t.CommitmentKind.NDA, "Mutual NDA (STAC's template)", started=660, signed=655,
                    ip_ownership=t.IpOwnership.OURS, governing_law="Scots law",
                    notes=f"STAC provided legal input on agreements about IP ({cite(PRASHANTHAM, '(i) Use bridging mechanisms')}).")

    life.step("Send the trial-kit tagging spec to Sun's RFID lead", ago(610), done=605, owner="Technical lead")
    life.step("Agree the pilot site with the trial sponsor", ago(340), done=345, owner="Co-founder")
    life.health_check(430, 420, {"Co-founder": "4444434443", "Technical lead": "4444444443"}, {"RFID programme lead": "4444434444"})


# --- Mitoken and Motorola in Bangalore ----------------------------------------------------------------


def mitoken(alliance: Alliance) -> None:
    """A spin-off with a corporate sponsor and its first big customer (000, (v) Spin-off support)."""
    life = Life(alliance, started=1000, stages=[(1000, "committed"), (900, "active")])
    life.person("ceo", "Co-founder and CEO", side=t.Side.OURS, level=t.Level.EXECUTIVE, role=t.Role.OWNER)
    life.person("cto", "Co-founder and CTO", side=t.Side.OURS, level=t.Level.EXECUTIVE)
    life.person("mentor", "Board mentor", unit=LOCAL, level=t.Level.EXECUTIVE, role=t.Role.SPONSOR, known_by="ceo",
                job_title="Senior executive, Motorola India", left=ago(45),
                notes="A senior executive mentors Mitoken as a member of its board "
                      f"({cite(PRASHANTHAM, '(v) Spin-off support')}). Left Motorola this quarter.")
    life.person("ventures", "Ventures manager", unit=LOCAL, level=t.Level.MANAGER, role=t.Role.CHAMPION, known_by="ceo",
                job_title="Motorola India, Bangalore",
                notes=f"Motorola India facilitated the first contract in Chicago ({cite(PRASHANTHAM, '(v) Spin-off support')}).")
    life.person("contracts", "Contract manager", unit=HEAD, level=t.Level.MANAGER, known_by="ceo",
                job_title="Motorola, Chicago")
    life.person("engineering", "Engineering lead", unit=HEAD, level=t.Level.MANAGER, known_by="cto",
                job_title="Motorola, Chicago")
    life.person("field", "Field engineer", unit=FIELD, level=t.Level.OPERATIONAL, known_by="cto",
                job_title="Deploys Mitoken's software in Motorola's field units")

    life.met(995, F2F, ("ceo", "cto"), ("mentor", "ventures"),
             note="Spin-off agreed: Motorola acts as corporate sponsor; its senior executive joins Mitoken's board.")
    life.met(930, VIDEO, ("ceo",), ("ventures", "contracts"), initiated_by=t.Side.PARTNER,
             note="Motorola India introduces Mitoken to Motorola in Chicago.")
    life.met(885, F2F, ("ceo", "cto"), ("contracts", "engineering"),
             note="Visit to Chicago: the first large international contract is signed.")
    for days in (800, 700, 600, 500, 400, 300, 200):
        life.met(days, F2F, ("ceo", "cto"), ("mentor",), note="Board meeting.")
    life.met(640, VIDEO, ("cto",), ("engineering", "field"), note="Field feedback on the first release.")
    life.met(330, F2F, ("ceo", "cto"), ("engineering", "field"), note="Chicago visit: second release accepted.")
    life.met(150, CALL, ("ceo",), ("contracts",), note="Renewal of the Chicago contract: first talk.")
    life.met(110, VIDEO, ("ceo",), ("contracts", "ventures"), terms_reopened=True, initiated_by=t.Side.PARTNER,
             note="Chicago procurement asks to reopen the price and the IP terms agreed in the first contract.")
    life.met(60, F2F, ("ceo", "cto"), ("mentor", "ventures"),
             note="Board meeting: the board mentor is leaving Motorola; nobody has been named to replace him.")
    life.met(20, VIDEO, ("ceo",), ("contracts",), note="Renewal still open: the first contract has lapsed.")

    life.milestone("First Chicago release accepted", ago(830), value="Paid on acceptance; the software remains ours.",
                   done=830)
    life.milestone("Second release for Chicago", ago(400), value="Paid on acceptance; the software remains ours.",
                   postponed=((420, ago(340), "Chicago moved its field trial to its own release calendar"),), done=330)
    life.milestone("Release 3.0 for Motorola's field units", ahead(45), owner="Co-founder and CTO",
                   value="Release 3.0 is sold to other customers too.")

    life.commitment(t.CommitmentKind.MOU, "Corporate sponsorship of the spin-off", started=1000, signed=995,
                    ip_ownership=t.IpOwnership.OURS, exclusivity=False,
                    notes="It was agreed that Motorola would act as corporate sponsor, with a senior executive on "
                          f"Mitoken's board ({cite(PRASHANTHAM, '(v) Spin-off support')}); recorded here as an MoU.")
    life.commitment(t.CommitmentKind.CONTRACT, "Chicago supply contract", started=900, signed=885,
                    status=t.CommitmentStatus.EXPIRED, expires=ago(40), governing_law="Illinois law",
                    ip_ownership=t.IpOwnership.OURS, renewal=t.Renewal.BY_AGREEMENT, exit_clause=True,
                    notes=f"Mitoken's first big international break ({cite(PRASHANTHAM, '(v) Spin-off support')}).")
    life.commitment(t.CommitmentKind.CONTRACT, "Chicago supply contract (renewal)", started=100,
                    status=t.CommitmentStatus.DRAFT, governing_law="Illinois law", ip_ownership=t.IpOwnership.UNCLEAR,
                    renewal=t.Renewal.BY_AGREEMENT, notes="Motorola's draft reopens price and IP terms.")

    life.step("Send the renewal quote to Chicago", ago(140), done=138, owner="Co-founder and CEO")
    life.step("Ask Motorola India for a new sponsor on our board", ahead(10), owner="Co-founder and CEO")

    life.share(700, "25.0")
    life.share(365, "38.0")
    life.share(30, "52.0")
    life.health_check(340, 330, {"Co-founder and CEO": "4444444444", "Co-founder and CTO": "4544444444"},
                      {"Ventures manager": "4444444343"})
    life.health_check(160, 150, {"Co-founder and CEO": "4444443433", "Co-founder and CTO": "4444444433"},
                      {"Ventures manager": "4444444343"})


# --- the STAC pilots in Aberdeen ------------------------------------------------------------------------


def aberdeen(alliance: Alliance, eds: Partner, motorola: Partner) -> None:
    """Pilots with EDS and Motorola, brokered by STAC (000, Lesson 4 and Table 1)."""
    life = Life(alliance, started=560, stages=[(560, "assessing"), (500, "negotiating"), (430, "committed"),
                                               (400, "active")])
    life.person("founder", "Founder", side=t.Side.OURS, level=t.Level.EXECUTIVE, role=t.Role.OWNER)
    life.person("engineer", "RFID engineer", side=t.Side.OURS, level=t.Level.OPERATIONAL)
    life.person("eds_lead", "Innovation lead", partner=eds, unit=LOCAL, level=t.Level.MANAGER, role=t.Role.CHAMPION,
                known_by="founder", job_title="EDS in Aberdeen",
                notes=f"EDS absorbs the start-up's technology ({cite(PRASHANTHAM, 'Table 1, Technology absorption')}).")
    life.person("eds_accounts", "Oil and gas accounts", partner=eds, unit=LOCAL, level=t.Level.MANAGER,
                known_by="founder", job_title="EDS in Aberdeen, account manager for the operators")
    life.person("moto", "Pilot engineer", partner=motorola, unit=LOCAL, level=t.Level.OPERATIONAL, known_by="engineer",
                job_title="Motorola, Aberdeen office")

    life.met(555, EVENT, ("founder",), ("eds_lead", "eds_accounts"),
             note="STAC consultation with the oil and gas players: needs of mutual interest identified "
                  f"({cite(PRASHANTHAM, 'Lesson 4')}).")
    life.met(520, F2F, ("founder",), ("eds_lead",), note="Tracking equipment and people: what EDS's clients need.")
    life.met(480, F2F, ("founder", "engineer"), ("moto",), note="Motorola's readers for the pilots.")
    life.met(430, F2F, ("founder", "engineer"), ("eds_lead", "moto"), note="Pilot kick-off at STAC.")
    life.met(350, F2F, ("engineer",), ("eds_accounts", "moto"), note="Site visit: the onshore yard.")
    life.met(240, CALL, ("founder",), ("eds_accounts",), initiated_by=t.Side.PARTNER,
             note="The operator moved the offshore access window.")
    life.met(130, F2F, ("founder", "engineer"), ("eds_lead", "moto"), note="Pilot review in Aberdeen.")
    life.met(75, EMAIL, ("engineer",), ("moto",), note="Reader firmware for the offshore pilot.")
    life.met(70, CALL, ("founder",), ("eds_accounts",), initiated_by=t.Side.PARTNER,
             note="The offshore pilot slips again: helicopter seats reassigned by the operator.")
    life.met(50, F2F, ("founder",), ("eds_lead", "eds_accounts", "moto"),
             note="Pilot review at STAC; the pilot agreement's IP terms still open.")

    life.milestone("Pilot 1: tracking tools and equipment in the onshore yard", ago(310),
                   value="Track-and-trace software proven on site; ours to sell to other operators.", done=300)
    life.milestone("Pilot 2: tracking people on an offshore platform", ago(180),
                   value="Offshore readings that are ours to use, under the NDA.",
                   postponed=((240, ago(60), "The operator moved the offshore access window for platform maintenance"),
                              (70, ahead(40), "Helicopter seats for the pilot team reassigned by the operator; EDS "
                                              "asked to wait for the next campaign")))
    life.milestone("Pilot 3: integration with Motorola's handheld readers", ahead(120), owner="RFID engineer")

    life.commitment(t.CommitmentKind.NDA, "Three-way NDA (STAC's template)", started=510, signed=505,
                    governing_law="Scots law", ip_ownership=t.IpOwnership.JOINT,
                    notes=f"STAC provided legal input on agreements about IP ({cite(PRASHANTHAM, '(i) Use bridging mechanisms')}).")
    life.commitment(t.CommitmentKind.MOU, "Pilot agreement with IP terms", started=45, status=t.CommitmentStatus.DRAFT,
                    governing_law="Scots law", ip_ownership=t.IpOwnership.UNCLEAR,
                    notes="Intermediaries such as STAC could broker such an agreement "
                          f"({cite(PRASHANTHAM, '(iv) Get commitment (preferably on paper)')}).")

    life.step("Send EDS the onshore pilot report", ago(290), done=288, owner="Founder")
    life.step("Ask STAC for the pilot agreement template", ago(45), done=45, owner="Founder")
    life.health_check(390, 380, {"Founder": "4444444343"}, {"Innovation lead": "4444443444", "Pilot engineer": "4434444444"})
    life.health_check(180, 170, {"Founder": "4433444343"}, {"Innovation lead": "4443443444"})


# --- Firm B and its US partner ------------------------------------------------------------------------


def firm_b(alliance: Alliance) -> None:
    """A resell agreement with head office in San Diego; the field is elsewhere (004, 4.4.3 and 4.5.4)."""
    life = Life(alliance, started=480, stages=[(480, "negotiating"), (435, "committed"), (400, "active")])
    life.person("md", "Managing director", side=t.Side.OURS, level=t.Level.EXECUTIVE, role=t.Role.OWNER)
    life.person("rep", "US representative", side=t.Side.OURS, level=t.Level.MANAGER,
                job_title="International representative in the US",
                notes=f"Firm B uses staff from its previous firm as international representatives ({cite(THESIS, '4.3.3')}).")
    life.person("pm", "Partner manager", unit=HEAD, level=t.Level.MANAGER, role=t.Role.CHAMPION, known_by="md",
                job_title="Head office, San Diego",
                notes="'It's not good enough to go to their head office in San Diego and say hey we've signed a resell "
                      f"agreement' ({cite(THESIS, '4.5.4 Understanding Field Operations')}).")

    life.met(470, EVENT, ("md", "rep"), ("pm",), initiated_by=t.Side.OURS,
             note=f"Met at an industry conference in the US: 'it's all networking face to face' ({cite(THESIS, '4.3.2')}).")
    life.met(435, F2F, ("md",), ("pm",), note="San Diego: the resell agreement is signed.")
    life.met(350, VIDEO, ("md",), ("pm",), note="Quarterly call.")
    life.met(280, VIDEO, ("md", "rep"), ("pm",), note="Quarterly call: first deal closed through the partner.")
    life.met(150, F2F, ("rep",), ("pm",), note="Visit to San Diego.")
    life.met(120, EMAIL, ("md",), ("pm",), cost_not_in_plan=True,
             note="The partner's legal team asks Firm B to carry US liability insurance and to pay for a review of the "
                  f"agreement under US law ({cite(THESIS, '4.4.2')}).")
    life.met(65, CALL, ("md",), ("pm",), decision_without_us=True, initiated_by=t.Side.PARTNER,
             note="The partner's regional sales meeting left Firm B's service out of the next campaign; Firm B was not "
                  f"there. 'The sales go on when you're not in the room' ({cite(THESIS, '4.4.3')}).")
    life.met(30, VIDEO, ("md", "rep"), ("pm",), note="Asked for introductions to field sales in Boise and New York.")

    life.milestone("First deal closed through the partner", ago(290), value="A US reference customer of our own.",
                   done=280)
    life.milestone("Listed in the partner's regional sales catalogue", ago(40), owner="US representative",
                   value="Catalogue copy and US pricing we can reuse with another reseller.",
                   postponed=((65, ahead(45), "The regional sales meeting left us out of this campaign"),))

    life.commitment(t.CommitmentKind.CONTRACT, "Resell agreement", started=460, signed=435, expires=ahead(295),
                    governing_law="US law (the partner's home state)", exclusivity=False,
                    ip_ownership=t.IpOwnership.OURS, renewal=t.Renewal.BY_AGREEMENT,
                    notes="'You're going to be doing laws of wherever they're based, not laws of New Zealand' "
                          f"({cite(THESIS, '4.4.2')}).")

    life.step("Send the partner our US price list", ago(420), done=418, owner="Managing director")
    life.step("Visit field operations in Boise, Idaho and New York", ago(10), owner="US representative")

    life.share(400, "18.0")
    life.share(30, "22.0")
    life.health_check(390, 380, {"Managing director": "4444444443"}, {"Partner manager": "4444344333"})
    life.health_check(210, 200, {"Managing director": "3433343332"}, {"Partner manager": "4434334333"})
