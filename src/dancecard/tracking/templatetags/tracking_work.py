"""The alliance page's sections for the joint work and the paper: milestones, commitments, revenue share.

One tag, so the alliance page takes them with one line. They render inside the page's cached body
(cached per workspace version, role and today's date); forms there carry the page's CSRF slot."""

from __future__ import annotations

from collections import defaultdict

from django import template

from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_label
from dancecard.tracking.life import today
from dancecard.tracking.models import Commitment, Milestone, Postponement, RevenueShare
from dancecard.tracking.work import services
from dancecard.tracking.work.forms import RevenueShareForm, modular_help

register = template.Library()

LAST_SHARES = 5
EXPIRY_WARNING_DAYS = 30


@register.inclusion_tag("tracking/work/_alliance_work.html", takes_context=True)
def work_sections(context, alliance):
    on = today()
    milestones = list(Milestone.objects.filter(alliance=alliance))
    postponed: dict[int, list[Postponement]] = defaultdict(list)
    for p in Postponement.objects.filter(milestone__alliance=alliance):
        postponed[p.milestone_id].append(p)
    for m in milestones:
        m.is_open = t.MilestoneStatus(m.status).is_open
        m.leaves_nothing = m.is_open and not m.value_if_stopped.strip()
        m.overdue_days = (on - m.due).days if m.is_open and m.due < on else 0
        m.postponed = postponed[m.pk]
        m.postponed_summary = services.postponed_summary(m.postponed)
        m.status_label = code_label("milestone_status", m.status)
    commitments = list(Commitment.objects.filter(alliance=alliance))
    for c in commitments:
        c.name = services.commitment_name(c)
        c.status_label = code_label("commitment_status", c.status)
        c.expires_in = (c.expires - on).days if c.expires and c.status == t.CommitmentStatus.SIGNED else None
        c.expiring = c.expires_in is not None and 0 <= c.expires_in <= EXPIRY_WARNING_DAYS
        c.lapsed = c.expires_in is not None and c.expires_in < 0
        c.terms = [(label, value) for label, value in (
            ("Governing law", c.governing_law),
            ("Exit clause", {True: "Yes", False: "No"}.get(c.exit_clause, "")),
            ("IP ownership", code_label("ip_ownership", c.ip_ownership) if c.ip_ownership else ""),
            ("Exclusivity", {True: "Yes: binds us to this partner", False: "No"}.get(c.exclusivity, "")),
            ("Renewal", code_label("renewal", c.renewal) if c.renewal else ""),
            ("Kept in", c.document),
        ) if value]
    found = services.offer(alliance, on, commitments) if commitments else None
    shares = list(RevenueShare.objects.filter(alliance=alliance).order_by("-date", "-pk")[:LAST_SHARES])
    open_ones = [m for m in milestones if m.is_open]
    return {
        "alliance": alliance,
        "can_edit": context.get("can_edit", False),
        "csrf_slot": context.get("csrf_slot", ""),
        "milestones": milestones,
        "open_count": len(open_ones),
        "leaving_nothing": [m for m in open_ones if m.leaves_nothing],
        "modular_help": modular_help(),
        "commitments": commitments,
        "offer_rows": found.merged_rows() if found else [],
        "offer_hints": [found.hint_text(h) for h in found.hints] if found else [],
        "draft": services.open_draft(alliance) if found and found.answers else None,
        "shares": shares,
        "share_form": RevenueShareForm(auto_id="share-%s"),
        "today": on,
    }


@register.inclusion_tag("tracking/work/_commitment_offer.html", takes_context=True)
def commitment_offer(context, assessment):
    """In the assessment wizard: the questions of this draft that the alliance's commitments answer.

    Nothing for a round member's answers (theirs alone, given through a private link), one partner's
    assessment, or a viewer."""
    shown = (context.get("can_edit") and not assessment.is_complete and assessment.partner_id is None
             and getattr(assessment, "respondent_of", None) is None)
    rows = services.unanswered(assessment.alliance, assessment) if shown else []
    sources = {row["evidence"] for row in rows}
    return {"assessment": assessment, "rows": rows, "source": sources.pop() if len(sources) == 1 else "",
            "csrf_token": context.get("csrf_token")}
