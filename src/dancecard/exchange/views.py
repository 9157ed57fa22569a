from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dancecard.exchange.exporting import export_alliance, export_workspace
from dancecard.exchange import importing
from dancecard.exchange.importing import ImportRejected, import_document, read_document
from dancecard.exchange.models import DeletedAlliance
from dancecard.exchange.schema import encode
from dancecard.exchange.tables import answer_rows, assessments_for, interaction_rows, interactions_for, table_bytes
from dancecard.exchange.trash import delete_alliance, restore_alliance
from dancecard.portfolio.models import Alliance
from dancecard.workspaces.access import Permission, get_in_workspace, requires

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ImportForm(forms.Form):
    file = forms.FileField(label="Export file (.json)",
                           help_text="A file exported from Dancecard: a whole workspace or one alliance.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:  # refused before a byte of it is read
            message = importing.too_large_message()
            raise forms.ValidationError(message[0].upper() + message[1:] + ".", code="too_large")
        return upload


def _download(content: bytes | str, stem: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    # Exports hold the firm's confidential assessments: never kept by a browser or a proxy.
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = f'attachment; filename="{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"'
    return response


def _table(rows, stem: str, extension: str, table: str = "answers") -> HttpResponse:
    return _download(table_bytes(rows, extension, table), f"{stem}-{table}", extension)


def _alliance_stem(alliance: Alliance) -> str:
    return f"alliance-{slugify(alliance.name) or alliance.pk}"


@require_http_methods(["GET", "POST"])
def exchange(request):
    form = ImportForm()
    problems: list[str] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = import_document(request.workspace, read_document(form.cleaned_data["file"].read()))
            except ImportRejected as exc:
                problems = exc.problems
            else:
                messages.success(request, str(summary))
                for notice in summary.all_notices():
                    messages.info(request, notice)
                return redirect("dashboard")
    deleted = DeletedAlliance.objects.filter(workspace=request.workspace).defer("document")
    status = 200
    if problems or form.errors:
        status = 413 if form.has_error("file", code="too_large") else 400
    return render(request, "exchange/exchange.html",
                  {"form": form, "problems": problems, "nav": "exchange", "deleted": deleted}, status=status)


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def alliance_delete(request, pk: int):
    alliance = get_in_workspace(request.access, Alliance, pk, need=Permission.EDIT)
    if request.method == "POST":
        delete_alliance(alliance)
        messages.success(request, format_html(
            "“{}” was deleted with its assessments and team rounds. <a href=\"{}#deleted\">Undo</a>",
            alliance.name, reverse("exchange")))
        return redirect("dashboard")
    return render(request, "exchange/alliance_delete.html", {
        "nav": "portfolio", "alliance": alliance,
        "assessments": alliance.assessments.count(), "rounds": alliance.rounds.count(),
    })


@require_POST
def alliance_restore(request, pk: int):
    deleted = get_in_workspace(request.access, DeletedAlliance, pk, need=Permission.EDIT)
    try:
        summary = restore_alliance(deleted)
    except ImportRejected as exc:
        messages.error(request, f"“{deleted.name}” could not be restored: {'; '.join(exc.problems)}")
        return redirect("exchange")
    messages.success(request, f"“{deleted.name}” is back, with its assessments and team rounds.")
    return redirect("alliance", pk=summary.alliance_ids[0])


@require_GET
def workspace_json(request):
    return _download(encode(export_workspace(request.workspace)), f"dancecard-{request.workspace.slug}", "json")


@require_GET
def workspace_table(request, extension: str):
    return _table(answer_rows(assessments_for(request.workspace)), f"dancecard-{request.workspace.slug}", extension)


@require_GET
def alliance_json(request, pk: int):
    alliance = get_in_workspace(request.access, Alliance, pk)
    return _download(encode(export_alliance(alliance)), _alliance_stem(alliance), "json")


@require_GET
def alliance_table(request, pk: int, extension: str):
    alliance = get_in_workspace(request.access, Alliance, pk)
    return _table(answer_rows(assessments_for(request.workspace, alliance)), _alliance_stem(alliance), extension)


@require_GET
def workspace_interactions(request, extension: str):
    return _table(interaction_rows(interactions_for(request.workspace)), f"dancecard-{request.workspace.slug}",
                  extension, "interactions")


@require_GET
def alliance_interactions(request, pk: int, extension: str):
    alliance = get_in_workspace(request.access, Alliance, pk)
    return _table(interaction_rows(interactions_for(request.workspace, alliance)), _alliance_stem(alliance),
                  extension, "interactions")
