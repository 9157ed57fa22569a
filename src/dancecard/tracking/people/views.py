"""People on both sides of an alliance, the meetings with them, and the alliance's next step.

Each view reads top to bottom: fetch through the one access check, act, go back to the alliance page
with a message. Forms that do not validate answer 422 with the form and its errors; nothing is saved."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST

from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_label
from dancecard.portfolio.models import Alliance
from dancecard.portfolio.views import safe_next
from dancecard.tracking.life import today
from dancecard.tracking.models import Contact, Interaction, NextStep
from dancecard.tracking.people.forms import ContactForm, InteractionForm, LeftForm, NextStepForm
from dancecard.tracking.people.panel import NEXT_STEP_STATES, next_step_state, open_next_step
from dancecard.tracking.people.services import move_to_side
from dancecard.workspaces.access import Permission, get_in_workspace, requires

PAGE_SIZE = 25


def _day(day) -> str:
    return date_format(day, "j M Y")


def _page(request, template: str, context: dict, form) -> object:
    """The form page: 200 when first shown, 422 when what was sent did not validate."""
    status = 422 if form.is_bound and form.errors else 200
    return render(request, template, {"nav": "portfolio"} | context | {"form": form}, status=status)


# --- people ----------------------------------------------------------------------------------------


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def contact_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    side = request.GET.get("side")
    initial = {"side": side if side in (t.Side.OURS, t.Side.PARTNER) else t.Side.PARTNER}
    form = ContactForm(request.POST or None, alliance=alliance, initial=initial)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.workspace = request.workspace
        contact.alliance = alliance
        contact.save()
        messages.success(request, f"{contact.name} added to the people of {alliance.name}.")
        return redirect(safe_next(request, alliance.get_absolute_url() + "#people"))
    return _page(request, "tracking/people/contact_form.html", {"alliance": alliance, "contact": None}, form)


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def contact_edit(request, pk):
    contact = get_in_workspace(request.access, Contact, pk, need=Permission.EDIT)
    alliance = contact.alliance
    side_before, name = contact.side, contact.name  # the form writes what was typed into the instance
    form = ContactForm(request.POST or None, instance=contact, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            contact = form.save()
            if contact.side != side_before:
                move_to_side(contact)
        messages.success(request, f"{contact.name} saved.")
        return redirect(alliance.get_absolute_url() + "#people")
    return _page(request, "tracking/people/contact_form.html", {
        "alliance": alliance, "contact": contact, "left_form": LeftForm(initial={"left": today()}),
        "name": name, "meetings": Interaction.objects.filter(Q(ours=contact) | Q(theirs=contact)).distinct().count(),
    }, form)


@requires(Permission.EDIT)
@require_POST
def contact_left(request, pk):
    contact = get_in_workspace(request.access, Contact, pk, need=Permission.EDIT)
    form = LeftForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the day they left as a date, e.g. 2025-03-31.")
        return redirect("contact_edit", pk=contact.pk)
    contact.left = form.cleaned_data["left"]
    contact.save(update_fields=["left"])
    messages.success(request, f"{contact.name} marked as left on {_day(contact.left)}. They stay on the map, greyed.")
    return redirect(contact.alliance.get_absolute_url() + "#people")


@requires(Permission.EDIT)
@require_POST
def contact_delete(request, pk):
    contact = get_in_workspace(request.access, Contact, pk, need=Permission.EDIT)
    alliance, name = contact.alliance, contact.name
    contact.delete()  # history keeps it; the meetings they attended stay, without them
    messages.success(request, f"{name} deleted. The meetings they attended are kept; the alliance's History page "
                              "can bring them back.")
    return redirect(alliance.get_absolute_url() + "#people")


# --- meetings ----------------------------------------------------------------------------------------


def _logged(interaction: Interaction) -> str:
    return f"{code_label('interaction_kind', interaction.kind)} on {_day(interaction.date)}"


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def interaction_new(request, alliance_pk):
    """Log a meeting in under 30 seconds on a phone: everything on one page, sensible defaults."""
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    form = InteractionForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            interaction = form.save(commit=False)
            interaction.workspace = request.workspace
            interaction.alliance = alliance
            interaction.created_by = request.user
            interaction.save()
            form.save_m2m()
        messages.success(request, f"{_logged(interaction)} logged.")
        return redirect(alliance)
    return _page(request, "tracking/people/interaction_form.html", {"alliance": alliance, "interaction": None}, form)


def interaction_list(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk)
    interactions = Interaction.objects.filter(alliance=alliance).prefetch_related("ours", "theirs")
    page = Paginator(interactions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tracking/people/interaction_list.html",
                  {"nav": "portfolio", "alliance": alliance, "page": page})


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def interaction_edit(request, pk):
    interaction = get_in_workspace(request.access, Interaction, pk, need=Permission.EDIT)
    alliance = interaction.alliance
    form = InteractionForm(request.POST or None, instance=interaction, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            interaction = form.save()
        messages.success(request, f"{_logged(interaction)} saved.")
        return redirect(alliance.get_absolute_url() + "#meetings")
    return _page(request, "tracking/people/interaction_form.html",
                 {"alliance": alliance, "interaction": interaction}, form)


@requires(Permission.EDIT)
@require_POST
def interaction_delete(request, pk):
    interaction = get_in_workspace(request.access, Interaction, pk, need=Permission.EDIT)
    alliance, what = interaction.alliance, _logged(interaction)
    interaction.delete()
    messages.success(request, f"{what} deleted. The alliance's History page can bring it back.")
    return redirect(alliance.get_absolute_url() + "#meetings")


# --- the next step -----------------------------------------------------------------------------------


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def next_step(request, alliance_pk):
    """Set the alliance's next step, or change the open one."""
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    step = open_next_step(alliance.pk)
    initial = {} if step else {"owner": alliance.owner}
    form = NextStepForm(request.POST or None, instance=step, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.workspace = request.workspace
        saved.alliance = alliance
        saved.save()
        messages.success(request, f"Next step {'changed' if step else 'set'}: due {_day(saved.due)}.")
        return redirect(alliance.get_absolute_url() + "#next-step")
    state = next_step_state(step, today())
    return _page(request, "tracking/people/next_step_form.html", {
        "alliance": alliance, "step": step, "state": state, "state_label": NEXT_STEP_STATES[state]}, form)


@requires(Permission.EDIT)
@require_POST
def next_step_done(request, pk):
    step = get_in_workspace(request.access, NextStep, pk, need=Permission.EDIT)
    if step.done is None:
        step.done = today()
        step.save(update_fields=["done"])
        messages.success(request, f"Done: “{step.text}”. What is the next step?")
    return redirect(step.alliance.get_absolute_url() + "#next-step")
