"""Importing checks everything first: a bad file changes nothing and says what is wrong."""

import json

import pytest

from dancecard.assessments.models import Assessment
from dancecard.exchange.exporting import export_alliance, export_workspace
from dancecard.exchange.importing import ImportRejected, import_document, read_document
from dancecard.exchange.schema import encode
from dancecard.portfolio.models import Alliance, Partner
from dancecard.rounds.models import Respondent
from dancecard.rounds.services import open_round
from dancecard.workspaces.models import Workspace
from tests.exchange.builders import new_workspace

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything an import could touch, to show it was left alone."""
    return (
        list(Partner.objects.values_list("pk", "name", "workspace_id")),
        list(Alliance.objects.values_list("pk", "name", "current_assessment_id", "updated")),
        list(Assessment.objects.values_list("pk", "answers", "status")),
        list(Workspace.objects.values_list("pk", "name", "version")),
    )


def exported(alliance) -> dict:
    return json.loads(encode(export_workspace(alliance.workspace)))


def rejected(workspace, document) -> list[str]:
    before = snapshot()
    data = document if isinstance(document, (bytes, str)) else json.dumps(document)
    with pytest.raises(ImportRejected) as caught:
        import_document(workspace, read_document(data))
    assert snapshot() == before
    assert str(caught.value).startswith("Nothing was imported")
    return caught.value.problems


@pytest.mark.parametrize("data, expected", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "not a Dancecard export"),
    (b'{"alliances": []}', "not a Dancecard export"),
    (b'{"format": "dancecard.export/9"}', "unsupported format 'dancecard.export/9'"),
])
def test_files_that_are_not_exports_are_named_as_such(workspace, data, expected):
    assert expected in rejected(new_workspace(), data)[0]


def test_a_wrong_type_is_reported_with_where_it_is(assessed_alliance):
    document = exported(assessed_alliance)
    document["alliances"][0]["name"] = 42
    problems = rejected(new_workspace(), document)
    assert problems == ["alliances[0].name: Expected `str`, got `int`"]


def test_a_partial_file_is_refused(assessed_alliance):
    document = exported(assessed_alliance)
    del document["assessments"][0]["alliance"]
    problems = rejected(new_workspace(), document)
    assert "assessments[0]" in problems[0] and "alliance" in problems[0]


def test_every_problem_is_listed_at_once(assessed_alliance):
    document = exported(assessed_alliance)
    alliance, assessment = document["alliances"][0], document["assessments"][0]
    alliance["stage"] = "dancing"
    alliance["members"].append({"partner": "partner-99", "role": ""})
    assessment["answers"]["quick.customer_need"] = 9
    assessment["answers"]["quick.no_such_question"] = 1
    document["partners"][0]["autonomy"] = "total"
    problems = rejected(new_workspace(), document)
    joined = "\n".join(problems)
    assert len(problems) == 5, joined
    assert "alliances[0] “Skelta ISV programme”: member partner 'partner-99' is not in the file" in joined
    assert "alliances[0] “Skelta ISV programme”.stage: Value 'dancing' is not a valid choice." in joined
    assert "answer 'quick.customer_need'" in joined and "'quick.no_such_question': no such item" in joined
    assert "partners[0] “Microsoft”.autonomy" in joined


def test_references_must_stay_inside_the_file_and_the_alliance(assessed_alliance, make_alliance):
    make_alliance(name="Second", partners=[Partner.objects.get(name="Microsoft")])
    document = exported(assessed_alliance)
    first, second = document["alliances"]
    second["current_assessment"] = first["current_assessment"]
    document["assessments"][0]["partner"] = "partner-7"
    problems = rejected(new_workspace(), document)
    assert any("current_assessment" in p and "about another alliance" in p for p in problems)
    assert any("partner 'partner-7' is not in the file" in p for p in problems)


def test_a_complete_assessment_needs_its_result(assessed_alliance):
    document = exported(assessed_alliance)
    document["assessments"][0]["result"] = {"verdict": "pursue"}
    assert "needs its scored result" in rejected(new_workspace(), document)[0]


def test_an_unknown_instrument_version_is_refused(assessed_alliance):
    document = exported(assessed_alliance)
    document["assessments"][0]["version"] = "0.1"
    assert "No instrument 'quick@0.1'" in rejected(new_workspace(), document)[0]


def test_a_workspace_backup_only_restores_into_an_empty_workspace(assessed_alliance):
    document = exported(assessed_alliance)
    problems = rejected(assessed_alliance.workspace, document)
    assert "restores into an empty workspace" in problems[0]


def test_values_the_database_would_refuse_are_caught_before_anything_is_written(assessed_alliance):
    document = exported(assessed_alliance)
    document["partners"].append(dict(document["partners"][0], ref="partner-2", employees=-1, name="x" * 201))
    problems = rejected(new_workspace(), document)
    assert any(p.startswith("partners[1]") and ".employees:" in p for p in problems)
    assert any(p.startswith("partners[1]") and ".name:" in p and "at most 200" in p for p in problems)


def test_an_alliance_export_joins_a_workspace_and_reuses_partners_by_name(assessed_alliance, make_alliance):
    document = encode(export_alliance(assessed_alliance))
    elsewhere = new_workspace()
    Partner.objects.create(workspace=elsewhere, name="Microsoft", sector="Kept as it was")
    summary = import_document(elsewhere, read_document(document))
    assert (summary.alliances, summary.partners, summary.assessments) == (1, 0, 1)
    assert summary.reused_partners == ["Microsoft"] and "Microsoft" in summary.all_notices()[0]
    alliance = Alliance.objects.get(workspace=elsewhere)
    assert [p.sector for p in alliance.partners.all()] == ["Kept as it was"]
    assert alliance.current_assessment.band == assessed_alliance.current_assessment.band


def test_private_links_already_in_use_are_replaced_not_shared(assessed_alliance):
    open_round(assessed_alliance, "quick", ["Ann", "Bo"])
    original = set(Respondent.objects.values_list("token", flat=True))
    summary = import_document(new_workspace(), read_document(encode(export_alliance(assessed_alliance))))
    copies = set(Respondent.objects.exclude(token__in=original).values_list("token", flat=True))
    assert len(copies) == 2
    assert sum("private link" in n for n in summary.notices) == 2


def test_importing_an_alliance_it_already_holds_makes_a_copy_and_says_so(assessed_alliance):
    summary = import_document(assessed_alliance.workspace, read_document(encode(export_alliance(assessed_alliance))))
    assert Alliance.objects.filter(workspace=assessed_alliance.workspace, name=assessed_alliance.name).count() == 2
    assert Partner.objects.filter(workspace=assessed_alliance.workspace).count() == 1
    assert any("already here: the imported one is a second copy" in n for n in summary.notices)


def test_a_malformed_result_2_is_refused(assessed_alliance):
    document = exported(assessed_alliance)
    assessment = document["assessments"][0]
    assert assessment["result"]["schema"] == "dancecard.result/2"
    del assessment["result"]["verdict"]["band"]
    problems = rejected(new_workspace(), document)
    assert len(problems) == 1 and "dancecard.result/2" in problems[0] and "does not fit" in problems[0]


def test_an_export_made_before_model_2_still_imports_and_its_result_is_shown_as_stored(assessed_alliance, client):
    from pathlib import Path

    document = exported(assessed_alliance)
    old = json.loads((Path(__file__).parents[1] / "core" / "data" / "result-1.json").read_text())
    record = document["assessments"][0]
    record.update(instrument="quick", version="1.0", answers={"quick.customer_need": 4}, result=old)
    target = new_workspace()
    import_document(target, read_document(json.dumps(document)))
    imported = Assessment.objects.get(workspace=target)
    assert imported.result == old and imported.band == old["verdict"]["band"]


def test_a_file_nested_too_deeply_is_refused_not_a_500(workspace):
    assert "levels deep" in rejected(new_workspace(), b"[" * 100_000 + b"]" * 100_000)[0]


def test_an_oversized_file_is_refused_before_it_is_read(workspace, monkeypatch):
    from dancecard.exchange import importing

    monkeypatch.setattr(importing, "MAX_BYTES", 10)
    assert "larger than" in rejected(new_workspace(), b'{"format": "dancecard.export/1"}')[0]


def test_a_control_character_in_an_imported_note_is_refused(assessed_alliance):
    document = exported(assessed_alliance)
    first = next(iter(document["assessments"][0]["answers"]))
    document["assessments"][0]["answers"][first] = {"value": "dont_know", "note": "bad\\u0000note"}
    problems = rejected(new_workspace(), json.dumps(document).replace("\\\\u0000", "\\u0000"))
    assert any("control" in p for p in problems)


def _with_round(alliance) -> dict:
    open_round(alliance, "quick", ["Ann", "Bo"], title="Spring round")
    return exported(alliance)


@pytest.mark.parametrize("path, value, expected", [
    (("workspace", "name"), "My\x07firm", "workspace.name: contains control"),
    (("partners", 0, "name"), "Micro\u202esoft", "partners[0].name: contains control"),
    (("partners", 0, "sector"), "Soft\nware", "partners[0] “Microsoft”.sector: contains control"),
    (("partners", 0, "notes"), "bell\x07", "partners[0] “Microsoft”.notes: contains control"),
    (("alliances", 0, "name"), "Two\u2028lines", "alliances[0].name: contains control"),
    (("alliances", 0, "purpose"), "nul\x00", "alliances[0] “Skelta ISV programme”.purpose: contains control"),
    (("alliances", 0, "members", 0, "role"), "lead\npartner", "alliances[0] “Skelta ISV programme”.members[0].role"),
    (("assessments", 0, "respondent"), "Ann\x1b[31m", "assessments[0].respondent: contains control"),
    (("assessments", 0, "result", "verdict", "band"), "pursue\x00", "assessments[0].result.verdict.band: contains"),
    (("rounds", 0, "title"), "Spring\x0cround", "rounds[0].title: contains control"),
    (("rounds", 0, "respondents", 1, "name"), "B\u2066o", "rounds[0] “Spring round”.respondents[1].name: contains"),
    (("rounds", 0, "respondents", 0, "token"), "x" * 30 + "\x00", "rounds[0] “Spring round”.respondents[0].token"),
])
def test_a_control_character_in_any_text_of_any_record_is_refused_with_where(assessed_alliance, path, value, expected):
    document = _with_round(assessed_alliance)
    *parents, last = path
    holder = document
    for key in parents:
        holder = holder[key]
    holder[last] = value
    problems = rejected(new_workspace(), document)
    assert any(p.startswith(expected) for p in problems), problems


def test_line_breaks_and_tabs_are_fine_in_multi_line_texts(assessed_alliance):
    document = _with_round(assessed_alliance)
    document["partners"][0].update(notes="two\nlines", internal_politics="a\tb", subsidiary_mandate="x\r\ny")
    document["alliances"][0]["purpose"] = "first\nsecond"
    import_document(new_workspace(), read_document(json.dumps(document)))
    assert Partner.objects.filter(notes="two\nlines").exists()
    assert Alliance.objects.filter(purpose="first\nsecond").exists()


def test_nesting_deeper_than_the_documented_limit_is_refused(assessed_alliance):
    from dancecard.exchange.importing import MAX_DEPTH

    document = exported(assessed_alliance)
    document["assessments"][0]["result"]["deep"] = json.loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    problems = rejected(new_workspace(), document)
    assert problems == [f"the file nests lists or objects more than {MAX_DEPTH} levels deep, the most an import "
                        "reads; that is not a Dancecard export"]


def test_a_real_export_is_well_within_the_depth_limit(assessed_alliance):
    from dancecard.exchange.importing import MAX_DEPTH, _depth

    assert _depth(_with_round(assessed_alliance)) <= MAX_DEPTH // 2


def test_the_import_limits_are_the_documented_ones():
    from pathlib import Path

    from dancecard.exchange.importing import MAX_BYTES, MAX_DEPTH

    docs = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text(encoding="utf-8")
    assert MAX_BYTES == 20 * 1024 * 1024 and "over **20 MB**" in docs
    assert f"more\n  than **{MAX_DEPTH} levels** deep" in docs


def test_the_command_line_import_exits_2_for_a_file_too_deep(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "dancecard.export/1", "x": ' + "[" * 5000 + "]" * 5000 + "}")
    env = {k: v for k, v in __import__("os").environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DANCECARD_DATA_DIR"] = str(tmp_path / "data")
    completed = subprocess.run([str(Path(sys.executable).with_name("dancecard")), "import", str(deep)],
                               capture_output=True, text=True, env=env, timeout=120)
    assert completed.returncode == 2, completed.stderr
    assert "levels deep" in completed.stderr and "Traceback" not in completed.stderr
