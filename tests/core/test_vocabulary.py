"""The common alliance vocabulary covers every term the instruments, results and pages name."""

import pytest

from dancecard.core.diagnoses import networking
from dancecard.core.instruments import FACTOR_ORDER, get_instrument
from dancecard.core.verdict import Band
from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.stages import ISO_44001, Stage

VOCABULARY = load_vocabulary()
INSTRUMENTS = [get_instrument("quick"), get_instrument("full")]


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.name)
def test_every_item_dimension_is_a_term(instrument):
    missing = {item.dimension for item in instrument.items} - VOCABULARY.terms.keys()
    assert not missing


def test_every_factor_verdict_band_and_stage_is_a_term():
    keys = [f.value for f in FACTOR_ORDER] + [f"verdict.{b.value}" for b in Band] + [f"stage.{s.value}" for s in Stage]
    assert [k for k in keys if k not in VOCABULARY.terms] == []


def test_band_and_stage_terms_carry_the_labels_the_pages_show():
    for band in Band:
        assert VOCABULARY.label(f"verdict.{band.value}") == band.label
    for stage in Stage:
        assert VOCABULARY.label(f"stage.{stage.value}") == stage.label


def test_each_stage_names_the_iso_44001_stage_it_maps_to():
    for stage, (number, name) in ISO_44001.items():
        definition = VOCABULARY.terms[f"stage.{stage.value}"].definition
        assert number in definition and name.lower() in definition.lower(), stage


def test_every_networking_type_is_a_term():
    kinds = {networking({"networking.endowment": [e], "networking.leverage": [lev]})["type"]
             for e in (0.0, 1.0) for lev in (0.0, 1.0)}
    assert len(kinds) == 4
    assert all(f"networking_type.{kind}" in VOCABULARY.terms for kind in kinds)


def test_every_alliance_form_option_is_a_term():
    options = {o.value for i in INSTRUMENTS for item in i.items if item.dimension == "structure.form"
               for o in item.options}
    assert options, "no instrument asks about the alliance structure"
    assert {f"form.{value}" for value in options} <= VOCABULARY.terms.keys()


def test_the_spec_terms_are_defined_with_a_source():
    for key in ("power.opportunism", "power.hold_up", "power.resource_dependence", "structure.form"):
        term = VOCABULARY.terms[key]
        assert term.definition and term.source.section
    assert len(VOCABULARY.in_group("motive")) == 5 and len(VOCABULARY.in_group("barrier")) == 5
    assert VOCABULARY.in_group("strategy") and VOCABULARY.in_group("form")


def test_every_group_has_terms_and_every_term_cites_a_known_seed():
    assert all(VOCABULARY.in_group(group) for group in VOCABULARY.groups)
    assert all(t.source.seed in VOCABULARY.seeds for t in VOCABULARY.terms.values())


def test_a_citation_never_names_the_work_twice():
    from dancecard.core.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    thesis = vocabulary.cite("004_37010681c2ba077a.txt", "4.4.2")
    assert thesis.startswith("Master's thesis: how New Zealand SMEs") and "NZ SME thesis" not in thesis
    assert vocabulary.cite("000_587ecadf5e23e0b4.txt", "").startswith("Prashantham, Dancing with gorillas")
    assert not vocabulary.cite("001_eb76e04c043b9737.txt", "").startswith("Cotman, Cotman")
