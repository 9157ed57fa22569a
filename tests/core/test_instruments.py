from pathlib import Path

import pytest

from dancecard.core.errors import InstrumentError, UnknownInstrument
from dancecard.core.instruments import FACTOR_ORDER, PART_FACTOR, AnswerKind, available, get_instrument, load_instrument
from dancecard.core.vocabulary import load_vocabulary

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
MODEL_GROUPS = ("market", "motive", "asset", "offer", "profile", "barrier", "power",
                "structure", "strategy", "countermeasure", "networking")


def all_items():
    for name, version, _ in available():
        instrument = get_instrument(name, version)
        for item in instrument.items:
            yield instrument, item


class TestShippedInstruments:
    def test_quick_and_full_ship(self):
        names = {name for name, _, _ in available()}
        assert {"quick", "full"} <= names

    def test_quick_has_at_most_twelve_items_covering_all_three_factors(self):
        quick = get_instrument("quick")
        assert len(quick.items) <= 12
        assert {i.factor for i in quick.items} == set(FACTOR_ORDER)
        assert all(i.quick for i in quick.items)

    def test_quick_has_a_market_gate_item(self):
        assert any(i.gate for i in get_instrument("quick").items)

    def test_full_covers_every_element_of_the_model(self):
        used = {i.dimension for i in get_instrument("full").items}
        vocabulary = load_vocabulary()
        missing = [t.key for t in vocabulary.terms.values() if t.group in MODEL_GROUPS and t.key not in used]
        assert missing == []

    def test_full_asks_for_the_alliance_structure_with_every_form(self):
        full = get_instrument("full")
        structure = next(i for i in full.items if i.dimension == "structure.form")
        forms = {t.key.split(".", 1)[1] for t in load_vocabulary().in_group("form")}
        assert {o.value for o in structure.options} == forms

    def test_likert_items_label_every_point(self):
        for _, item in all_items():
            if item.kind == AnswerKind.LIKERT:
                assert len(item.labels) == 5 and all(label.strip() for label in item.labels), item.id

    def test_every_item_says_its_next_step_a_question_for_the_partner_or_a_check_in_house(self):
        for _, item in all_items():
            if item.check_in_house:
                assert not item.ask_partner and item.check_in_house.strip()[-1] in ".!", item.id
            else:
                assert item.ask_partner.strip().endswith("?"), item.id

    def test_what_only_our_own_firm_knows_is_checked_in_house_from_2_0(self):
        full = get_instrument("full", "2.0")
        for item_id in ("full.alliance_owner", "full.backup_plan", "full.network_endowment", "full.network_leverage",
                        "full.motive_spin_off_support", "full.partner_research"):
            assert full.item(item_id).asks.value == "in_house", item_id

    def test_every_item_counts_in_a_part_of_its_own_factor(self):
        for _, item in all_items():
            assert PART_FACTOR[item.part] == item.factor, item.id

    @pytest.mark.skipif(not SEEDS.exists(), reason="seed documents are not beside the repository")
    def test_every_citation_names_a_section_found_in_its_seed(self):
        for _, item in all_items():
            text = (SEEDS / item.source.seed).read_text(encoding="utf-8").lower()
            heading = item.source.section.replace(";", ",").split(",")[0].split(":")[0].strip().lower()
            assert heading in text, f"{item.id}: '{heading}' not found in {item.source.seed}"

    def test_an_old_version_can_be_asked_for_by_name(self):
        quick = get_instrument("quick")
        assert get_instrument("quick", quick.version) is quick

    def test_an_unknown_instrument_names_the_known_ones(self):
        with pytest.raises(UnknownInstrument, match="quick@"):
            get_instrument("nope")


def write(tmp_path, body: str) -> Path:
    path = tmp_path / "custom-1.0.toml"
    path.write_text(body, encoding="utf-8")
    return path


QUICK = Path(get_instrument("quick").path).read_text(encoding="utf-8")


class TestValidation:
    def test_a_copy_of_quick_loads(self, tmp_path):
        assert len(load_instrument(write(tmp_path, QUICK)).items) == 12

    def test_a_wrong_field_names_file_item_and_field(self, tmp_path):
        body = QUICK.replace("weight = 2\n", "weight = -1\n", 1)
        with pytest.raises(InstrumentError) as error:
            load_instrument(write(tmp_path, body))
        message = str(error.value)
        assert "custom-1.0.toml" in message and "item 'quick.unique_offering'" in message and "'weight'" in message

    def test_an_unknown_dimension_is_refused(self, tmp_path):
        body = QUICK.replace('dimension = "market.unique_offering"', 'dimension = "market.made_up"')
        with pytest.raises(InstrumentError, match="market.made_up"):
            load_instrument(write(tmp_path, body))

    def test_a_likert_item_with_four_labels_is_refused(self, tmp_path):
        body = QUICK.replace(', "Named customers who have asked for it"]', "]")
        with pytest.raises(InstrumentError, match="5 labels"):
            load_instrument(write(tmp_path, body))

    def test_a_missing_source_is_refused(self, tmp_path):
        body = QUICK.replace('source = { seed = "001_eb76e04c043b9737.txt", section = "3 Key Themes: Market Orientation" }\n', "", 1)
        with pytest.raises(InstrumentError, match="source"):
            load_instrument(write(tmp_path, body))

    def test_broken_toml_is_reported_with_the_file_name(self, tmp_path):
        with pytest.raises(InstrumentError, match="custom-1.0.toml: not valid TOML"):
            load_instrument(write(tmp_path, QUICK + "\n[[items]\n"))

    def test_a_gate_outside_market_needs_is_refused(self, tmp_path):
        body = QUICK.replace('dimension = "power.resource_dependence"\n', 'dimension = "power.resource_dependence"\ngate = true\n')
        with pytest.raises(InstrumentError, match="gate"):
            load_instrument(write(tmp_path, body))
