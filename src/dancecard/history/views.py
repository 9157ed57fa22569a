from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from dancecard.assessments.models import Assessment
from dancecard.history import services
from dancecard.history.services import LIFE, MODELS, PAGE_SIZE, Blocked, Kind, history_model
from dancecard.history.templatetags.history_words import (
    assessment_text, field_text, in_use_text, round_text, value_text,
)
from dancecard.history.undo import Undone, UndoRefused, undo
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.views import safe_next
from dancecard.tracking.models import Contact
from dancecard.workspaces.access import Permission, get_in_workspace, requires


def alliance_history(request, pk):
    alliance = get_in_workspace(request.access, Alliance, pk)
    return _history_page(request, alliance, "alliance", services.alliance_history(alliance))


def partner_history(request, pk):
    partner = get_in_workspace(request.access, Partner, pk)
    return _history_page(request, partner, "partner", services.partner_history(partner))


def _history_page(request, subject, about: str, entries):
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "history/history.html", {
        "nav": "portfolio" if about == "alliance" else "partners", "subject": subject, "about": about, "page": page,
    })


@requires(Permission.EDIT)
@require_POST
def undo_change(request, model, history_id):
    """Undo one recorded change (the history page's Undo buttons), then back to where the button was."""
    if model not in MODELS:
        raise Http404("No such kind of record")
    record = get_in_workspace(request.access, history_model(model), history_id, need=Permission.EDIT)
    if model == "assessment" and services.is_respondents_answers(request.workspace, record.id):
        raise Http404("A team member's answers are theirs alone")  # never listed, so never undone either
    try:
        done = undo(model, record, user=request.user)
    except UndoRefused as exc:
        messages.error(request, refusal(exc, model, record))
        return redirect(safe_next(request, _fallback(model, record)))
    messages.success(request, success(done, record))
    if done.action == "restored" and model == "alliance":
        return redirect("alliance", done.alliance_id)
    if done.action == "deleted" and model == "alliance":
        return redirect("dashboard")  # its pages are gone with it
    if done.action == "deleted" and model == "partner":
        return redirect("partner_list")
    return redirect(safe_next(request, _fallback(model, record)))


def _fallback(model: str, record) -> str:
    if model == "partner":
        if Partner.objects.filter(pk=record.id).exists():
            return reverse("partner_history", args=[record.id])
        return reverse("partner_list")
    alliance_id = record.id if model == "alliance" else record.alliance_id
    if Alliance.objects.filter(pk=alliance_id).exists():
        return reverse("alliance_history", args=[alliance_id])
    return reverse("dashboard")


def _shown(model: str, field: str, obj) -> str:
    """A field's value on the live record, in words."""
    if field == "current_assessment":
        found = (Assessment.objects.filter(pk=obj.current_assessment_id).defer("answers", "result").first()
                 if obj.current_assessment_id else None)
        return assessment_text(services.assessment_ref(found) if found else None)
    if field == "partner":
        return value_text(model, field, obj.partner.name if obj.partner_id else None)
    if field == "known_by":
        return value_text(model, field, Contact.objects.filter(pk=obj.known_by_id).values_list(
            "name", flat=True).first() if obj.known_by_id else None)
    return value_text(model, field, getattr(obj, field))


def _name(model: str, record) -> str:
    if model == "assessment":
        return assessment_text(services.assessment_ref(record))
    if model == "member":
        partner = Partner.objects.filter(pk=record.partner_id).first()
        return partner.name if partner else "The partner"
    if model == "round":
        return round_text(record.title, record.created)
    if model in LIFE:
        return services.life_name(model, record)
    return record.name


def success(done: Undone, record) -> str:
    model = done.model
    if done.action == "reverted":
        if done.fields == ("answers",):
            return "Undone: the answers are back as they were before those saves."
        if len(done.fields) == 1:
            field = done.fields[0]
            return f"Undone: {field_text(model, field)} is back to “{_shown(model, field, done.obj)}”."
        labels = [field_text(model, f).lower() for f in done.fields]
        return f"Undone: {', '.join(labels[:-1])} and {labels[-1]} are back as they were."
    name = _name(model, record)
    if done.action == "restored" and model == "round":
        return (f"Team round {name} is back, with its {done.count} respondents' private links and their answers "
                "as they were.")
    if done.action == "restored" and model in LIFE:
        return {
            "contact": f"{name} is back. Who attended which meeting was not kept: if they were at some, "
                       "tick them again there.",
            "interaction": f"{name} restored; who attended was not kept: tick them again.",
            "milestone": f"{name} is back" + (f", with its {done.count} postponement{'s' if done.count != 1 else ''}."
                                              if done.count else "."),
            "commitment": f"{name} is back.",
            "next_step": f"{name} is back.",
        }[model]
    if done.action == "restored":
        return {
            "partner": f"Partner “{name}” is back.",
            "alliance": f"“{name}” is back, with its assessments and team rounds.",
            "member": f"{name} is back in the alliance.",
            "assessment": f"{name} is back.",
        }[model]
    if model == "alliance":
        return format_html("“{}” deleted. It is kept on the <a href=\"{}#deleted\">Data</a> page, "
                           "where you can restore it.", name, reverse("exchange"))
    return {
        "partner": f"Partner “{name}” deleted. Bring it back from “Recently deleted” on the Partners page.",
        "member": f"{name} removed from the alliance.",
        "assessment": f"{name} deleted. Its undo is in the alliance's history.",
    }.get(model, f"{name} deleted. Its undo is in the alliance's history.")


REFUSALS = {
    Blocked.GONE: "Not undone: this record has been deleted since.",
    Blocked.BACK: "Not undone: it is already back.",
    Blocked.FROZEN: "Not undone: a completed assessment stays as it was completed. "
                    "Delete it if it should no longer count.",
    Blocked.LAST_PARTNER: "Not undone: this is the alliance's only partner, and an alliance needs one. "
                          "Add another partner first.",
    Blocked.TARGET_GONE: "Not undone: the assessment that was the current picture then has been deleted since. "
                         "Restore it first.",
    Blocked.ALLIANCE_GONE: "Not undone: its alliance has been deleted. Restore the alliance first (Data page).",
    Blocked.PARTNER_GONE: "Not undone: the partner it is about has been deleted. Restore the partner first "
                          "(“Recently deleted” on the Partners page).",
    Blocked.CONSENSUS: "Not deleted: this assessment is a team round's consensus and stays while the round does.",
    Blocked.NOTHING: "Nothing to undo: no earlier version of this record is recorded.",
    Blocked.CONSENSUS_GONE: "Not undone: the round's consensus assessment has been deleted since. Undo that "
                            "deletion first (it is in this history), then the round's.",
}
# A round's opening, closing and reopening are undone on its own page.
ROUND_PAGE = {
    Kind.CREATED: "Not undone: a team round's opening is undone by deleting the round, on its page.",
    Kind.RESTORED: "Not undone: to take the round away again, delete it on its page.",
    Kind.CLOSED: "Not undone: a closed team round is reopened with the Reopen button on its page.",
    Kind.REOPENED: "Not undone: a reopened team round is closed again with the Close button on its page.",
}


def refusal(exc: UndoRefused, model: str, record) -> str:
    details = exc.details
    if exc.code == Blocked.CHANGED_SINCE:
        if details.get("field") == "answers":
            return "Not undone: the answers have been saved again since. Undo the later saves first."
        field = details["field"]
        return (f"Not undone: {field_text(model, field)} has been changed again since "
                f"(it is now “{_shown(model, field, details['obj'])}”). Undo the later change first.")
    if exc.code == Blocked.IN_USE:
        return f"Not undone: {in_use_text(details['name'], details['uses'])}"
    if exc.code == Blocked.NOT_KEPT:
        return (f"Not undone: “{details['name']}” is no longer kept: restored already, "
                "or among the oldest deletions.")
    if exc.code == Blocked.ROUND_PAGE:
        return ROUND_PAGE[details["kind"]]
    if exc.code == Blocked.LINK_TAKEN:
        return (f"Not undone: the private link of {', '.join(details['names'])} is another respondent's now. "
                "Nothing was changed.")
    if exc.code == Blocked.REJECTED:
        return f"Not undone: “{details['name']}” could not be restored: {'; '.join(details['problems'])}"
    return REFUSALS[exc.code]

