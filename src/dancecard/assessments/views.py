from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.views.decorators.http import require_http_methods, require_POST

from dancecard.assessments import services
from dancecard.assessments.models import Assessment
from dancecard.assessments.privacy import is_private_draft
from dancecard.assessments.wizard import question_context, read_step, steps_for
from dancecard.core.errors import AssessmentClosed, InvalidAnswers, UnknownInstrument
from dancecard.core.instruments import available, get_instrument, parse_key
from dancecard.core.text import text_problem
from dancecard.core.vocabulary import load_vocabulary
from dancecard.history.services import assessment_ref
from dancecard.history.templatetags.history_words import assessment_text
from dancecard.core.wording import present
from dancecard.portfolio.models import Alliance, Partner
from dancecard.workspaces.access import Permission, any_kind, get_in_workspace, requires


def _get_assessment(request, pk, need: Permission = Permission.VIEW) -> Assessment:
    return get_in_workspace(request.access, Assessment, pk, need=need)


@requires(Permission.EDIT)
@require_POST
def assessment_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    partner = None
    if request.POST.get("partner"):
        partner = get_in_workspace(request.access, Partner, request.POST["partner"], need=Permission.EDIT)
        if not alliance.members.filter(partner=partner).exists():
            messages.error(request, f"“{partner.name}” is not a partner in this alliance: choose one of its "
                                    "partners, or the whole alliance. Nothing was started.")
            return redirect(alliance)
    respondent = " ".join(request.POST.get("respondent", "").split())[:200]
    if problem := text_problem(respondent):  # the rule every text follows (an export would not import back)
        messages.error(request, f"The respondent's name {problem}. Nothing was started.")
        return redirect(alliance)
    try:
        assessment = services.start_assessment(alliance, request.POST.get("instrument", "quick"),
                                               respondent=respondent, partner=partner)
    except UnknownInstrument as exc:
        messages.error(request, str(exc))
        return redirect(alliance)
    return redirect("assessment_step", assessment.pk, 1)


class StepUrls:
    """Where the wizard's links and buttons go: the alliance owner's pages by default."""

    def __init__(self, assessment):
        self.assessment = assessment

    def step(self, number: int) -> str:
        return reverse("assessment_step", args=[self.assessment.pk, number])

    def result(self) -> str:
        return reverse("assessment_result", args=[self.assessment.pk])

    def later(self) -> str:
        return self.assessment.alliance.get_absolute_url()


def _step_context(assessment, step, urls, errors=None, posted=None):
    steps = steps_for(assessment.instrument)
    errors = errors or {}
    posted = posted or {}
    questions = []
    for item in step.items:
        stored = posted.get(item.id, assessment.answers.get(item.id))
        questions.append(question_context(item, stored, errors.get(item.id, "")))
    answered = sum(1 for item in assessment.instrument.items if item.id in assessment.answers)
    total = len(assessment.instrument.items)
    return {
        "nav": "portfolio", "assessment": assessment, "alliance": assessment.alliance, "step": step,
        "step_links": [(s, urls.step(s.number)) for s in steps], "action": urls.step(step.number),
        "questions": questions, "answered": answered, "total": total,
        "percent": round(100 * answered / total), "is_last": step.number == len(steps), "errors": errors,
    }


def handle_step(request, assessment, number, urls, template="assessments/step.html", extra=None):
    """Show or save one step of the wizard; shared by owners' assessments and respondents' private links."""
    steps = steps_for(assessment.instrument)
    if not 1 <= number <= len(steps):
        raise Http404("No such step")
    step = steps[number - 1]
    extra = extra or {}
    if request.method == "GET":
        return render(request, template, _step_context(assessment, step, urls) | extra)

    raw = read_step(request.POST, step.items)
    try:
        services.save_answers(assessment, raw)
    except InvalidAnswers as exc:
        context = _step_context(assessment, step, urls, errors=exc.by_item, posted=raw) | extra
        if request.htmx:
            return render(request, "assessments/_save_status.html", context, status=422)
        return render(request, template, context, status=422)
    except AssessmentClosed:
        return redirect(urls.result())
    if request.htmx:
        return render(request, "assessments/_save_status.html", _step_context(assessment, step, urls) | extra)
    go = request.POST.get("go", "next")
    if go == "back" and number > 1:
        return redirect(urls.step(number - 1))
    if go == "later":
        messages.success(request, "Answers saved. Come back to this page any time to resume.")
        return redirect(urls.later())
    if go == "result" or number == len(steps):
        return redirect(urls.result())
    return redirect(urls.step(number + 1))


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def assessment_step(request, pk, number):
    assessment = _get_assessment(request, pk, Permission.EDIT)
    if assessment.is_complete:
        return redirect("assessment_result", assessment.pk)
    if getattr(assessment, "respondent_of", None) is not None:
        # A team member's answers are theirs alone: they are given through the private link.
        raise Http404("This assessment belongs to a team round")
    return handle_step(request, assessment, number, StepUrls(assessment))


def assessment_result(request, pk):
    assessment = _get_assessment(request, pk)
    if is_private_draft(assessment):
        raise Http404("A respondent's answers stay private until they submit")
    result = present(services.score(assessment))
    vocabulary = load_vocabulary()
    return render(request, "assessments/result.html", {
        "answer_rows": result["answers"]["given"],
        "nav": "portfolio", "assessment": assessment, "alliance": assessment.alliance, "result": result,
        "steps": steps_for(assessment.instrument),
        "gate_term": vocabulary.terms["concept.market_gate"],
        "strategies": [s for s in result["diagnoses"]["strategies"] if s["status"] != "not_assessed"],
        "barriers": [b for b in result["diagnoses"]["barriers"] if b["status"] != "not_assessed"],
        "motives": [m for m in result["diagnoses"]["motives"] if m["status"] != "not_assessed"],
    })


@requires(Permission.EDIT)
@require_POST
def assessment_complete(request, pk):
    assessment = _get_assessment(request, pk, Permission.EDIT)
    if getattr(assessment, "respondent_of", None) is not None:
        # A team member submits through their private link; nobody else may complete it for them.
        raise Http404("This assessment belongs to a team round")
    was_complete = assessment.is_complete
    services.complete_assessment(assessment)
    if was_complete:
        return redirect("assessment_result", assessment.pk)
    if assessment.partner_id is None:
        messages.success(request, "Assessment complete: it is now the alliance's current picture.")
    else:
        messages.success(request, f"Assessment of {assessment.partner.name} complete. It is shown beside the other "
                                  "partners on the alliance page; the alliance's current picture is unchanged.")
    return redirect("assessment_result", assessment.pk)


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def assessment_delete(request, pk):
    """Ask, then delete an assessment; the alliance's history can bring it back (history undo)."""
    # A team member's answers belong to their round: they are not deleted one by one.
    assessment = get_in_workspace(request.access, Assessment, pk, need=Permission.EDIT, respondent_of__isnull=True)
    alliance = assessment.alliance
    name = assessment_text(assessment_ref(assessment))  # by its completion day, as the history names it
    was_current = alliance.current_assessment_id == assessment.pk
    if request.method == "POST":
        try:
            current = services.delete_assessment(assessment)
        except services.AssessmentInUse:
            messages.error(request, "Not deleted: this assessment is a team round's consensus, "
                                    "and stays while the round does.")
            return redirect(alliance)
        history = reverse("alliance_history", args=[alliance.pk])
        if was_current:
            now = (f"the {current.instrument_label.lower()} of {date_format(localtime(current.completed), 'j M Y')} "
                   "is the current picture now" if current else "the alliance has no current picture now")
            messages.success(request, format_html("{} deleted; {}. <a href=\"{}\">Undo it from the history</a>",
                                                  name, now, history))
        else:
            messages.success(request, format_html("{} deleted. <a href=\"{}\">Undo it from the history</a>",
                                                  name, history))
        return redirect(alliance)
    return render(request, "assessments/assessment_delete.html", {
        "nav": "portfolio", "assessment": assessment, "alliance": alliance, "name": name,
        "is_current": was_current,
    })


@requires(Permission.EDIT)
@require_POST
def assessment_make_current(request, alliance_pk, pk):
    """Make a completed assessment the alliance's current picture, on purpose (e.g. one about a single partner)."""
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    assessment = get_in_workspace(request.access, Assessment, pk, alliance=alliance, respondent_of__isnull=True, need=Permission.EDIT)
    if not assessment.is_complete:
        messages.error(request, "Only a completed assessment can be the current one: complete it first.")
        return redirect(alliance)
    services.mark_current(assessment)
    when = date_format(localtime(assessment.completed), "j M Y")
    about = f" about {assessment.partner.name}" if assessment.partner_id else ""
    messages.success(request, f"The {assessment.instrument_label.lower()} of {when}{about} "
                              "is now the alliance's current picture.")
    return redirect(alliance)


@any_kind  # reference pages: a programme's staff read them too
def instrument_list(request):
    instruments = [get_instrument(name, version) for name, version, _ in available()]
    return render(request, "assessments/instrument_list.html", {"nav": "instruments", "instruments": instruments})


@any_kind
def instrument_detail(request, key):
    try:
        instrument = get_instrument(*parse_key(key))
    except UnknownInstrument:
        raise Http404("No such instrument") from None
    vocabulary = load_vocabulary()
    items = [{"item": i, "citation": vocabulary.cite(i.source.seed, i.source.section),
              "dimension": vocabulary.label(i.dimension), "factor": vocabulary.label(i.factor.value)}
             for i in instrument.items]
    return render(request, "assessments/instrument_detail.html",
                  {"nav": "instruments", "instrument": instrument, "items": items,
                   "download": reverse("instrument_detail", args=[instrument.key])})
