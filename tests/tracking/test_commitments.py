"""Written commitments (MoU, NDA, contract, licence, term sheet) with their key terms, and what they
answer in the next assessment: offered with the document as evidence, never over an answer given."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import save_answers, start_assessment
from dancecard.core.commitment_answers import load_commitment_answers, read_commitment_answers
from dancecard.core.data_files import DATA_DIR
from dancecard.core.errors import InstrumentError
from dancecard.tracking.models import Commitment
from dancecard.tracking.work.services import NothingToOffer, suggested_answers, use_in_next_assessment

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def day(offset: int):
    return TODAY + timedelta(days=offset)


@pytest.fixture
def alliance(make_alliance):
    return make_alliance()


def commit(alliance, **fields):
    fields = {"kind": "mou", "status": "signed", "started": day(-40), "signed": day(-20)} | fields
    return Commitment.objects.create(workspace=alliance.workspace, alliance=alliance, **fields)


def form_data(**fields):
    return {"kind": "mou", "title": "", "status": "draft", "started": TODAY.isoformat(), "signed": "", "expires": "",
            "governing_law": "", "exit_clause": "unknown", "ip_ownership": "", "exclusivity": "unknown",
            "renewal": "", "document": "", "notes": ""} | fields


class TestTheForm:
    def post(self, client, alliance, **fields):
        return client.post(reverse("commitment_new", args=[alliance.pk]), form_data(**fields))

    def test_a_signed_mou_is_stored_with_its_key_terms(self, client, alliance):
        response = self.post(client, alliance, status="signed", signed=day(-3).isoformat(),
                             started=day(-30).isoformat(), expires=day(365).isoformat(),
                             governing_law="Scots law", exit_clause="true", ip_ownership="joint",
                             exclusivity="false", renewal="by_agreement", document="Legal › Globex")
        assert response.status_code == 302
        c = Commitment.objects.get()
        assert (c.status, c.signed, c.governing_law, c.exit_clause, c.ip_ownership, c.exclusivity, c.renewal) == (
            "signed", day(-3), "Scots law", True, "joint", False, "by_agreement")
        body = client.get(alliance.get_absolute_url()).content.decode()
        assert "Scots law" in body and "Legal › Globex" in body

    def test_a_commitment_signed_long_ago_needs_no_drafting_date(self, client, alliance):
        response = self.post(client, alliance, status="signed", started="", signed="2024-05-02")
        assert response.status_code == 302
        assert Commitment.objects.get().started.isoformat() == "2024-05-02"

    def test_signed_without_a_date_is_refused(self, client, alliance):
        response = self.post(client, alliance, status="signed")
        assert response.status_code == 422 and "Give the day it was signed" in str(response.context["form"].errors)
        assert not Commitment.objects.exists()

    def test_a_draft_has_no_signing_date(self, client, alliance):
        response = self.post(client, alliance, status="draft", signed=TODAY.isoformat())
        assert response.status_code == 422 and "signed" in response.context["form"].errors

    def test_it_cannot_expire_before_it_was_signed(self, client, alliance):
        response = self.post(client, alliance, status="signed", started=day(-10).isoformat(),
                             signed=day(-5).isoformat(), expires=day(-6).isoformat())
        assert response.status_code == 422 and "expires" in response.context["form"].errors

    def test_it_cannot_be_signed_on_a_day_still_to_come(self, client, alliance):
        response = self.post(client, alliance, status="signed", signed=day(2).isoformat())
        assert response.status_code == 422 and "signed" in response.context["form"].errors

    def test_drafting_cannot_begin_after_the_signing(self, client, alliance):
        response = self.post(client, alliance, status="signed", started=TODAY.isoformat(), signed=day(-9).isoformat())
        assert response.status_code == 422 and "started" in response.context["form"].errors

    def test_an_expired_commitment_says_when(self, client, alliance):
        response = self.post(client, alliance, status="expired", started=day(-90).isoformat(),
                             signed=day(-80).isoformat())
        assert response.status_code == 422 and "expires" in response.context["form"].errors

    def test_an_unknown_kind_is_refused(self, client, alliance):
        response = self.post(client, alliance, kind="handshake")
        assert response.status_code == 422 and "kind" in response.context["form"].errors

    def test_deleting_asks_first_and_the_history_keeps_it(self, client, alliance):
        c = commit(alliance)
        assert '<details class="confirm" id="delete-commitment">' in client.get(
            reverse("commitment_edit", args=[c.pk])).content.decode()
        assert client.post(reverse("commitment_delete", args=[c.pk])).status_code == 302
        assert not Commitment.objects.exists() and Commitment.history.filter(history_type="-").exists()

    def test_a_commitment_about_to_lapse_says_so(self, client, alliance):
        commit(alliance, expires=day(12))
        assert "lapses in 12 days" in client.get(alliance.get_absolute_url()).content.decode()


class TestSuggestedAnswers:
    def test_a_signed_mou_answers_the_written_commitment_item_with_the_document_as_evidence(self, alliance):
        commit(alliance, title="Pilot MoU", signed=day(-20), document="SharePoint › Legal")
        answers = suggested_answers(alliance)
        expected = {"value": "signed", "evidence": f"Signed Memorandum of understanding (MoU) “Pilot MoU”, signed "
                                                   f"{day(-20).day} {day(-20):%b %Y} (kept in SharePoint › Legal)"}
        assert answers["quick.written_commitment_stage"] == expected
        assert answers["full.written_commitment_stage"] == expected

    def test_a_draft_answers_that_a_draft_was_exchanged(self, alliance):
        commit(alliance, status="draft", signed=None)
        answers = suggested_answers(alliance)
        assert answers["quick.written_commitment_stage"]["value"] == "draft"
        assert answers["quick.written_commitment_stage"]["evidence"].startswith("Draft Memorandum")
        assert answers["full.written_terms"]["value"] == 3
        assert "full.no_exit" not in answers

    def test_an_nda_commits_nobody_to_the_work(self, alliance):
        commit(alliance, kind="nda", exit_clause=True)
        assert suggested_answers(alliance) == {}

    def test_a_lapsed_commitment_answers_nothing(self, alliance):
        commit(alliance, signed=day(-400), started=day(-410), expires=day(-10))
        assert suggested_answers(alliance) == {}

    def test_the_exit_clause_and_complete_terms_answer_the_full_instrument(self, alliance):
        commit(alliance, governing_law="Scots law", exit_clause=True, ip_ownership="ours")
        answers = suggested_answers(alliance)
        assert answers["full.no_exit"]["value"] == 4 and answers["full.written_terms"]["value"] == 5

    def test_no_way_out_and_terms_with_gaps(self, alliance):
        commit(alliance, exit_clause=False, ip_ownership="unclear")
        answers = suggested_answers(alliance)
        assert answers["full.no_exit"]["value"] == 1 and answers["full.written_terms"]["value"] == 4

    def test_the_answers_fit_the_instruments(self, alliance):
        from dancecard.core.answers import parse_answers
        from dancecard.core.instruments import get_instrument

        commit(alliance, governing_law="Scots law", exit_clause=True, ip_ownership="partner")
        answers = suggested_answers(alliance)
        for name in ("quick", "full"):
            instrument = get_instrument(name)
            parse_answers(instrument, {k: v for k, v in answers.items() if k.startswith(f"{name}.")})


class TestUsingThemInTheNextAssessment:
    def use(self, client, alliance, instrument="quick"):
        return client.post(reverse("commitment_answers_use", args=[alliance.pk]), {"instrument": instrument})

    def test_a_new_quick_draft_is_filled_when_none_is_open(self, client, alliance):
        commit(alliance, document="Legal folder")
        response = self.use(client, alliance)
        draft = Assessment.objects.get()
        assert response.status_code == 302 and response.url == draft.get_absolute_url()
        assert draft.instrument_name == "quick" and draft.status == "draft"
        stored = draft.answers["quick.written_commitment_stage"]
        assert stored["value"] == "signed" and "Legal folder" in stored["evidence"]
        said = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("Filled 1 question" in m and "Signed by all parties" in m for m in said)

    def test_the_open_draft_is_filled_and_an_answer_already_given_is_not_overwritten(self, alliance):
        commit(alliance, exit_clause=True, governing_law="Scots law", ip_ownership="ours")
        draft = start_assessment(alliance, "full")
        save_answers(draft, {"full.written_commitment_stage": "draft", "full.no_exit": "dont_know"})
        filled = use_in_next_assessment(alliance)
        draft.refresh_from_db()
        assert draft.answers["full.written_commitment_stage"] == "draft"
        assert draft.answers["full.no_exit"] == "dont_know"  # "don't know" is an answer the user gave
        assert draft.answers["full.written_terms"]["value"] == 5
        assert [r["item_id"] for r in filled.filled] == ["full.written_terms"]
        assert {r["item_id"] for r in filled.kept} == {"full.written_commitment_stage", "full.no_exit"}
        assert Assessment.objects.count() == 1

    def test_the_page_says_which_were_left_as_answered(self, client, alliance):
        commit(alliance)
        draft = start_assessment(alliance, "quick")
        save_answers(draft, {"quick.written_commitment_stage": "discussed"})
        response = self.use(client, alliance)
        said = " ".join(str(m) for m in get_messages(response.wsgi_request))
        assert "Nothing filled" in said and "Left as you answered them" in said
        draft.refresh_from_db()
        assert draft.answers["quick.written_commitment_stage"] == "discussed"

    def test_one_partners_draft_and_a_round_members_draft_are_left_alone(self, alliance, make_partner):
        from dancecard.rounds.services import open_round

        commit(alliance)
        open_round(alliance, "quick", ["Ann", "Raj"])
        other = start_assessment(alliance, "quick", partner=alliance.partners.first())
        filled = use_in_next_assessment(alliance)
        assert filled.created and filled.assessment.partner is None
        other.refresh_from_db()
        assert other.answers == {}

    def test_with_nothing_to_offer_no_draft_is_made(self, client, alliance):
        commit(alliance, kind="nda")
        with pytest.raises(NothingToOffer):
            use_in_next_assessment(alliance)
        response = self.use(client, alliance)
        assert response.status_code == 302 and not Assessment.objects.exists()

    def test_an_unknown_instrument_is_refused(self, client, alliance):
        commit(alliance)
        response = self.use(client, alliance, instrument="long")
        assert response.status_code == 302 and not Assessment.objects.exists()

    def test_the_alliance_page_offers_them_to_editors_only(self, client, bob, alliance):
        commit(alliance, governing_law="Scots law")
        body = client.get(alliance.get_absolute_url()).content.decode()
        assert "What they answer in an assessment" in body and "Use in the next assessment" in body
        assert "is governed by Scots law" in body
        viewer = Client()
        viewer.force_login(bob)
        body = viewer.get(alliance.get_absolute_url()).content.decode()
        assert "What they answer in an assessment" in body and "Use in the next assessment" not in body


class TestOfferedInTheWizard:
    def step(self, client, draft):
        return client.get(reverse("assessment_step", args=[draft.pk, 3])).content.decode()

    def test_starting_an_assessment_offers_what_the_commitments_answer(self, client, alliance):
        commit(alliance, document="Legal folder")
        draft = start_assessment(alliance, "quick")
        body = self.step(client, draft)
        assert 'id="commitment-offer"' in body and "Signed by all parties" in body and "Legal folder" in body

    def test_using_them_fills_this_very_draft(self, client, alliance):
        commit(alliance)
        older = start_assessment(alliance, "full")
        start_assessment(alliance, "quick")  # newer: the alliance's "open draft"
        response = client.post(reverse("commitment_answers_use", args=[alliance.pk]),
                               {"assessment": older.pk, "instrument": "full"})
        older.refresh_from_db()
        assert response.url == older.get_absolute_url()
        assert older.answers["full.written_commitment_stage"]["value"] == "signed"
        assert "commitment-offer" not in self.step(client, older)  # nothing left to offer

    def test_a_round_members_draft_cannot_be_filled_this_way(self, client, alliance):
        from dancecard.rounds.services import open_round

        commit(alliance)
        member = open_round(alliance, "quick", ["Ann", "Raj"]).respondents.first().assessment
        response = client.post(reverse("commitment_answers_use", args=[alliance.pk]),
                               {"assessment": member.pk, "instrument": "quick"})
        assert response.status_code == 404
        member.refresh_from_db()
        assert member.answers == {}

    def test_an_answer_given_is_not_offered_again(self, client, alliance):
        commit(alliance)
        draft = start_assessment(alliance, "quick")
        save_answers(draft, {"quick.written_commitment_stage": "draft"})
        assert "commitment-offer" not in self.step(client, draft)


class TestTheMappingFile:
    def test_the_shipped_mapping_loads_and_is_versioned(self):
        mapping = load_commitment_answers()
        assert mapping.version == "1.0"
        assert {item for rule in mapping.rule for item in rule.items} >= {
            "quick.written_commitment_stage", "full.written_commitment_stage", "full.no_exit", "full.written_terms"}

    def test_a_mapping_naming_an_unknown_item_or_answer_is_refused_with_the_rule(self, tmp_path: Path):
        text = (DATA_DIR / "commitment-answers-1.0.toml").read_text(encoding="utf-8")
        broken = tmp_path / "commitment-answers-1.0.toml"
        broken.write_text(text.replace('"full.no_exit"', '"full.no_such_item"').replace("yes = 4", "yes = 9"),
                          encoding="utf-8")
        with pytest.raises(InstrumentError) as refused:
            read_commitment_answers(broken)
        assert "rule 'exit_clause'" in str(refused.value) and "full.no_such_item" in str(refused.value)
