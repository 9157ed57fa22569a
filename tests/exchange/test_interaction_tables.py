"""Interaction tables: one row per meeting, call or message, in CSV and XLSX, on the Data page and each alliance's."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dancecard.core.signal_wording import code_label
from dancecard.exchange.tables import INTERACTION_COLUMNS, csv_text, interaction_rows, interactions_for, table_bytes
from dancecard.tracking.models import Contact, Interaction
from tests.exchange.test_tables import documented_columns

pytestmark = pytest.mark.django_db
HEADER = [name for name, _ in INTERACTION_COLUMNS]


def meeting(alliance, day="2025-01-15", ours=(), theirs=(), **fields):
    interaction = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=day, **fields)
    interaction.ours.set(ours)
    interaction.theirs.set(theirs)
    return interaction


def person(alliance, name, side="partner", **fields):
    return Contact.objects.create(workspace=alliance.workspace, alliance=alliance, side=side, name=name, **fields)


def rows_of(workspace, alliance=None) -> list[dict]:
    text = csv_text(interaction_rows(interactions_for(workspace, alliance)), INTERACTION_COLUMNS)
    return list(csv.DictReader(io.StringIO(text)))


class TestTheTable:
    def test_one_row_per_interaction_with_both_sides_people_and_the_flags(self, make_alliance, workspace):
        alliance = make_alliance(name="Skelta")
        ann, raj = person(alliance, "Ann", side="ours"), person(alliance, "Raj", unit="head_office")
        priya = person(alliance, "Priya")
        meeting(alliance, "2025-02-01", kind="call", initiated_by="partner", terms_reopened=True)
        meeting(alliance, "2025-01-15", ours=[ann], theirs=[raj, priya], initiated_by="ours",
                decision_without_us=True, note="Demo in Pune")
        first, second = rows_of(workspace)
        assert (first["date"], first["kind"]) == ("2025-01-15", "face_to_face")
        assert first["kind_label"] == code_label("interaction_kind", "face_to_face")
        assert (first["our_people"], first["their_people"], first["their_units"]) == (
            "Ann", "Priya; Raj", "not_known; head_office")
        assert (first["initiated_by"], first["decision_without_us"], first["cost_not_in_plan"]) == (
            "ours", "true", "false")
        assert first["note"] == "Demo in Pune" and first["alliance"] == "Skelta" and first["partners"] == "Microsoft"
        assert (second["date"], second["kind"], second["their_people"], second["terms_reopened"]) == (
            "2025-02-01", "call", "", "true")

    def test_an_alliance_table_holds_only_its_own_meetings(self, make_alliance, make_partner, workspace, outsider):
        mine, other = make_alliance(name="Mine"), make_alliance(name="Other", partners=[make_partner("Sun")])
        meeting(mine), meeting(other), meeting(outsider["alliance"])
        assert [r["alliance"] for r in rows_of(workspace, mine)] == ["Mine"]
        assert [r["alliance"] for r in rows_of(workspace)] == ["Mine", "Other"]

    def test_text_that_looks_like_a_formula_is_neutralised(self, make_alliance, make_partner, workspace):
        alliance = make_alliance(name="=cmd|' /C calc'!A0", partners=[make_partner("+Plus")])
        meeting(alliance, theirs=[person(alliance, "@Raj")], note="-1 on price")
        row = rows_of(workspace)[0]
        assert (row["alliance"], row["partners"], row["their_people"], row["note"]) == (
            "'=cmd|' /C calc'!A0", "'+Plus", "'@Raj", "'-1 on price")

    def test_the_workbook_types_text_as_text_and_lists_its_columns(self, make_alliance, workspace):
        alliance = make_alliance()
        meeting(alliance, note="=HYPERLINK(\"http://x\")", cost_not_in_plan=True)
        book = load_workbook(io.BytesIO(table_bytes(interaction_rows(interactions_for(workspace)), "xlsx",
                                                    "interactions")))
        assert book.sheetnames == ["interactions", "columns"]
        sheet = book["interactions"]
        assert [c.value for c in sheet[1]] == HEADER
        row = dict(zip(HEADER, sheet[2]))
        assert row["note"].value == "=HYPERLINK(\"http://x\")" and row["note"].data_type == "s"
        assert row["cost_not_in_plan"].value is True and row["interaction_id"].data_type == "n"
        assert [r[0].value for r in book["columns"].iter_rows(min_row=2)] == HEADER

    def test_old_text_with_control_characters_never_breaks_the_xlsx(self, make_alliance, workspace):
        alliance = make_alliance()
        Interaction.objects.filter(pk=meeting(alliance).pk).update(note="bad\x01note")
        book = load_workbook(io.BytesIO(table_bytes(interaction_rows(interactions_for(workspace)), "xlsx",
                                                    "interactions")))
        assert "bad\ufffdnote" in [c.value for r in book["interactions"].iter_rows() for c in r]

    def test_every_column_is_documented(self):
        assert documented_columns("Interaction tables") == HEADER

    def test_the_queries_do_not_grow_with_the_meetings(self, make_alliance, workspace, django_assert_max_num_queries):
        alliance = make_alliance()
        raj = person(alliance, "Raj")
        for day in range(1, 21):
            meeting(alliance, f"2025-01-{day:02d}", theirs=[raj])
        with django_assert_max_num_queries(5):
            assert len(list(interaction_rows(interactions_for(workspace)))) == 20


class TestTheDownloads:
    @pytest.mark.parametrize("extension, content_type", [("csv", "text/csv"), ("xlsx", "application/vnd.openxml")])
    def test_the_workspace_and_the_alliance_tables_download_uncached(self, client, assessed_alliance, extension,
                                                                    content_type):
        meeting(assessed_alliance, note="Kick-off")
        for url in (reverse("export_interactions", args=[extension]),
                    reverse("export_alliance_interactions", args=[assessed_alliance.pk, extension])):
            response = client.get(url)
            assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
            assert response["Cache-Control"] == "no-store"
            assert "-interactions-" in response["Content-Disposition"]
            assert response["Content-Disposition"].endswith(f'.{extension}"')

    def test_a_viewer_may_download(self, assessed_alliance, bob):
        from django.test import Client

        viewer = Client()
        viewer.force_login(bob)
        url = reverse("export_alliance_interactions", args=[assessed_alliance.pk, "csv"])
        assert viewer.get(url).status_code == 200

    def test_another_workspaces_alliance_is_not_found(self, client, workspace, outsider):
        meeting(outsider["alliance"], note="Their secret")
        url = reverse("export_alliance_interactions", args=[outsider["alliance"].pk, "csv"])
        assert client.get(url).status_code == 404
        assert b"Their secret" not in client.get(reverse("export_interactions", args=["csv"])).content

    def test_the_data_page_and_the_alliance_page_link_them(self, client, assessed_alliance):
        data = client.get(reverse("exchange")).content.decode()
        assert reverse("export_interactions", args=["csv"]) in data
        page = client.get(assessed_alliance.get_absolute_url()).content.decode()
        assert reverse("export_alliance_interactions", args=[assessed_alliance.pk, "xlsx"]) in page
