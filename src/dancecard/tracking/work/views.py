"""Pages for the joint work and the paper: milestones (and postponing them), commitments, revenue shares,
and the alliance's timeline. Each view: fetch through the access check, act, redirect (post/redirect/get)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dancecard.assessments.models import Assessment, Status
from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_label
from dancecard.portfolio.models import Alliance
from dancecard.tracking.life import today
from dancecard.tracking.models import Commitment, Milestone
from dancecard.tracking.work import services
from dancecard.tracking.work import timeline as story
from dancecard.tracking.work.forms import (
    CommitmentForm,
    MilestoneForm,
    PostponeForm,
    RevenueShareForm,
    TimelineFilter,
)
from dancecard.workspaces.access import Permission, get_in_workspace, requires

TIMELINE_PAGE = 30
INVALID = 422


def _back(alliance, anchor: str) -> str:
    return f"{alliance.get_absolute_url()}#{anchor}"


# --- milestones ------------------------------------------------------------------------------------


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def milestone_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    form = MilestoneForm(request.POST or None, new_is_planned=True)
    if request.method == "POST":
        if form.is_valid():
            milestone = form.save(commit=False)
            milestone.workspace, milestone.alliance = request.workspace, alliance
            milestone.save()
            messages.success(request, f"Milestone “{milestone.title}” added.")
            return redirect(_back(alliance, f"milestone-{milestone.pk}"))
    return render(request, "tracking/work/milestone_form.html",
                  {"nav": "portfolio", "alliance": alliance, "form": form, "milestone": None},
                  status=INVALID if form.errors else 200)


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk):
    milestone = get_in_workspace(request.access, Milestone, pk, need=Permission.EDIT)
    alliance = milestone.alliance
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Milestone “{milestone.title}” saved.")
        return redirect(_back(alliance, f"milestone-{milestone.pk}"))
    return render(request, "tracking/work/milestone_form.html", {
        "nav": "portfolio", "alliance": alliance, "form": form, "milestone": milestone,
        "postponements": list(milestone.postponements.all()),
    }, status=INVALID if form.errors else 200)


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def milestone_postpone(request, pk):
    milestone = get_in_workspace(request.access, Milestone, pk, need=Permission.EDIT)
    alliance = milestone.alliance
    if not t.MilestoneStatus(milestone.status).is_open:
        status = code_label("milestone_status", milestone.status).lower()
        messages.error(request, f"“{milestone.title}” is {status}: only an open milestone can be postponed. "
                                "Edit it to reopen it first.")
        return redirect(_back(alliance, f"milestone-{milestone.pk}"))
    form = PostponeForm(request.POST or None, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.postpone(milestone, form.cleaned_data["new_due"], form.cleaned_data["reason"])
        except (services.NotOpen, ValueError) as exc:  # changed meanwhile, in another tab
            form.add_error(None, str(exc))
        else:
            count = milestone.postponements.count()
            messages.success(request, f"“{milestone.title}” postponed to {services.fmt(milestone.due)}: "
                                      f"postponed {services.times(count)} so far.")
            return redirect(_back(alliance, f"milestone-{milestone.pk}"))
    return render(request, "tracking/work/milestone_postpone.html", {
        "nav": "portfolio", "alliance": alliance, "form": form, "milestone": milestone,
        "postponements": list(milestone.postponements.all()),
    }, status=INVALID if form.errors else 200)


@require_POST
def milestone_close(request, pk):
    milestone = get_in_workspace(request.access, Milestone, pk, need=Permission.EDIT)
    wanted = request.POST.get("status", "")
    if wanted not in (t.MilestoneStatus.DONE, t.MilestoneStatus.CANCELLED):
        messages.error(request, "Choose whether the milestone is done or cancelled.")
    else:
        services.close(milestone, t.MilestoneStatus(wanted))
        messages.success(request, f"“{milestone.title}” marked {code_label('milestone_status', wanted).lower()}.")
    return redirect(_back(milestone.alliance, f"milestone-{milestone.pk}"))


@require_POST
def milestone_delete(request, pk):
    milestone = get_in_workspace(request.access, Milestone, pk, need=Permission.EDIT)
    alliance = milestone.alliance
    with transaction.atomic():
        milestone.delete()  # its history keeps it, and its postponements
    messages.success(request, f"Milestone “{milestone.title}” deleted. The alliance's History page can bring it "
                              "back, with its postponements.")
    return redirect(_back(alliance, "milestones"))


# --- commitments -----------------------------------------------------------------------------------


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def commitment_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        commitment = form.save(commit=False)
        commitment.workspace, commitment.alliance = request.workspace, alliance
        commitment.save()
        messages.success(request, f"{services.commitment_name(commitment)} added.")
        return redirect(_back(alliance, f"commitment-{commitment.pk}"))
    return render(request, "tracking/work/commitment_form.html",
                  {"nav": "portfolio", "alliance": alliance, "form": form, "commitment": None},
                  status=INVALID if form.errors else 200)


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    commitment = get_in_workspace(request.access, Commitment, pk, need=Permission.EDIT)
    alliance = commitment.alliance
    form = CommitmentForm(request.POST or None, instance=commitment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{services.commitment_name(commitment)} saved.")
        return redirect(_back(alliance, f"commitment-{commitment.pk}"))
    return render(request, "tracking/work/commitment_form.html",
                  {"nav": "portfolio", "alliance": alliance, "form": form, "commitment": commitment},
                  status=INVALID if form.errors else 200)


@require_POST
def commitment_delete(request, pk):
    commitment = get_in_workspace(request.access, Commitment, pk, need=Permission.EDIT)
    alliance = commitment.alliance
    commitment.delete()
    messages.success(request, f"{services.commitment_name(commitment)} deleted. The alliance's History page can "
                              "bring it back.")
    return redirect(_back(alliance, "commitments"))


@require_POST
def commitment_answers_use(request, alliance_pk):
    """Fill the open assessment (or a new one) with what the commitments answer; only unanswered questions."""
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    instrument = request.POST.get("instrument", "quick")
    if instrument not in ("quick", "full"):
        messages.error(request, "Choose the quick or the full assessment.")
        return redirect(_back(alliance, "commitments"))
    draft = None
    if request.POST.get("assessment"):  # from the wizard: this very draft (the whole alliance's, not a round's)
        draft = get_in_workspace(request.access, Assessment, request.POST["assessment"], need=Permission.EDIT,
                                 alliance=alliance, status=Status.DRAFT, partner__isnull=True,
                                 respondent_of__isnull=True)
    try:
        filled = services.use_in_next_assessment(alliance, instrument, draft=draft)
    except services.NothingToOffer as exc:
        messages.info(request, str(exc))
        return redirect(_back(alliance, "commitments"))
    where = ("a new " if filled.created else "the ") + filled.assessment.instrument_label.lower() + \
        (" in progress" if not filled.created else "")
    if filled.filled:
        listed = "; ".join(f"“{row['question']}” — {row['answer']}" for row in filled.filled)
        messages.success(request, f"Filled {len(filled.filled)} question{'s' if len(filled.filled) != 1 else ''} "
                                  f"of {where} from your commitments, with the document as evidence: {listed}.")
    else:
        messages.info(request, f"Nothing filled in {where}: every question your commitments answer was "
                               "already answered.")
    if filled.kept:
        listed = "; ".join(f"“{row['question']}”" for row in filled.kept)
        messages.info(request, f"Left as you answered them: {listed}. The commitments would say: "
                               + "; ".join(row["answer"] for row in filled.kept) + ".")
    return redirect(filled.assessment.get_absolute_url())


# --- revenue share ---------------------------------------------------------------------------------


@require_POST
def revenue_share_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    form = RevenueShareForm(request.POST)
    if form.is_valid():
        share = form.save(commit=False)
        share.workspace, share.alliance = request.workspace, alliance
        share.save()
        messages.success(request, f"Revenue share recorded: {share.percent:g} % as of {services.fmt(share.date)}.")
        return redirect(_back(alliance, "revenue-share"))
    return render(request, "tracking/work/revenue_share_form.html",
                  {"nav": "portfolio", "alliance": alliance, "form": form}, status=INVALID)


# --- the timeline ----------------------------------------------------------------------------------


def alliance_timeline(request, pk):
    alliance = get_in_workspace(request.access, Alliance, pk)
    form = TimelineFilter(request.GET or None, kinds=story.kind_choices())
    kinds = form.cleaned_data["kind"] if form.is_valid() else []
    entries = story.timeline(alliance, kinds=kinds or None, can_edit=request.access.can(Permission.EDIT))
    page = Paginator(entries, TIMELINE_PAGE).get_page(request.GET.get("page"))
    query = "&".join(f"kind={k}" for k in kinds)
    return render(request, "tracking/work/timeline.html", {
        "nav": "portfolio", "alliance": alliance, "form": form, "page": page,
        "months": story.by_month(list(page.object_list)), "kinds": kinds, "query": query,
        "total": len(entries), "today": today(),
    }, status=INVALID if form.errors else 200)
