"""Sector context from Sakai's OECD paper is data: every sector cites a section of the seed and quotes
its numbers word for word; a partner's free-text sector is matched by whole keywords; a broken file
is refused with every problem named."""

import re
from pathlib import Path

import pytest

from dancecard.core.errors import InstrumentError, UnknownInstrument
from dancecard.core.sectors import available_sector_data, load_sectors, match_sector, read_sectors
from dancecard.core.vocabulary import load_vocabulary

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SAKAI = "003_92878a939c5b0d66.txt"
DATA = load_sectors()
SHIPPED = Path(available_sector_data()[-1][1])
needs_seeds = pytest.mark.skipif(not (SEEDS / SAKAI).exists(), reason="seed documents are not beside the repository")


def seed_text() -> tuple[str, dict[str, list[int]]]:
    """The seed as one line of single-spaced words (a hyphen at a line's end joins the next line,
    "cross-\\nborder"), and where each of its lines starts in it, by the line's lowercase text."""
    text, starts = "", {}
    for line in (SEEDS / SAKAI).read_text(encoding="utf-8").splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if text and not text.endswith("-"):
            text += " "
        starts.setdefault(line.lower(), []).append(len(text))
        text += line
    return text, starts


def section_start(section: str, starts: dict[str, list[int]]) -> int | None:
    """Where a cited section starts: each part ("Strategic alliances by sector: Software") a heading
    line of the seed, each after the one before it; None when one is not found."""
    after = -1
    for heading in (h.strip().lower() for h in section.split(":")):
        later = [at for at in starts.get(heading, []) if at > after]
        if not later:
            return None
        after = later[0]
    return after


def single_spaced(quote: str) -> str:
    return " ".join(quote.split())


def numbers_in(quote: str) -> set[int]:
    """The numbers a quote gives, "1 360" as 1360; "1-49" and "50-249" as their ends."""
    return {int(n.replace(" ", "")) for n in re.findall(r"\d{1,3}(?: \d{3})+|\d+", quote)}


class TestShippedData:
    def test_the_newest_version_loads_by_default_and_can_be_asked_for_by_name(self):
        assert DATA.version == "1.0" and DATA.key == "oecd-sectors@1.0"
        assert load_sectors("1.0") is DATA

    def test_an_unknown_version_names_the_known_ones(self):
        with pytest.raises(UnknownInstrument, match="oecd-sectors@1.0"):
            load_sectors("9.9")

    def test_the_sectors_of_the_text_are_all_there(self):
        assert [s.key for s in DATA.sectors] == ["all", "software", "pharmaceuticals", "telecommunications",
                                                  "computer_services", "wholesale", "finance"]

    def test_the_numbers_are_those_of_the_text(self):
        got = {s.key: (s.alliances, s.small, s.medium, s.period) for s in DATA.sectors}
        assert got == {
            "all": (2400, None, None, "1990s"),
            "software": (330, 60, 270, "1990–2000"),
            "pharmaceuticals": (330, None, None, "1990–2000"),
            "telecommunications": (206, 55, 156, "1990–2000"),
            "computer_services": (460, 85, None, "1995–2000"),
            "wholesale": (580, 175, 400, "1990s"),
            "finance": (150, 50, 100, "1990s"),
        }
        assert DATA.get("pharmaceuticals").small_share == "one-quarter"
        assert DATA.get("wholesale").approximate == ("medium",)

    def test_software_keeps_the_texts_other_count_with_its_own_wording(self):
        software = DATA.get("software")
        by_value = {f.value: f for f in software.figures}
        assert by_value[240].period == "1990s" and "(240) in the 1990s" in by_value[240].quote
        assert by_value[150].period == "1995–1999"
        assert "240" in software.note and "150" in software.note

    def test_every_number_is_a_positive_int(self):
        for sector in DATA.sectors:
            numbers = [sector.alliances, sector.small, sector.medium, *(f.value for f in sector.figures)]
            assert all(type(n) is int and n > 0 for n in numbers if n is not None), sector.key

    def test_the_typical_forms_are_alliance_forms_of_the_vocabulary(self):
        forms = {t.key for t in load_vocabulary().in_group("form")}
        got = {s.key: s.most_common_form for s in DATA.sectors}
        assert got == {"all": None, "software": "form.licensing", "pharmaceuticals": "form.joint_development",
                       "telecommunications": "form.joint_venture", "computer_services": None,
                       "wholesale": "form.distribution", "finance": "form.joint_venture"}
        assert {f for f in got.values() if f} <= forms
        for sector in DATA.sectors:
            assert sector.form_note.strip() or sector.key == "all", sector.key

    def test_the_bc_net_benchmark_is_two_percent_with_its_citation(self):
        conversion = DATA.conversion
        assert conversion.percent == 2 and conversion.cited == "Technopolis (2000)"
        assert conversion.source.seed == SAKAI and "BC-Net" in conversion.programme

    def test_every_source_is_the_sakai_seed(self):
        sources = [DATA.header.source, DATA.conversion.source, *(s.source for s in DATA.sectors)]
        assert {s.seed for s in sources} == {SAKAI}
        assert SAKAI in load_vocabulary().seeds

    @needs_seeds
    def test_every_cited_section_is_a_heading_of_the_seed_in_order(self):
        _, starts = seed_text()
        for name, source in [("header", DATA.header.source), ("conversion", DATA.conversion.source),
                             *((s.key, s.source) for s in DATA.sectors)]:
            assert section_start(source.section, starts) is not None, f"{name}: '{source.section}' not found"

    @needs_seeds
    def test_every_quote_is_word_for_word_in_the_seed_under_its_section(self):
        text, starts = seed_text()
        quoted = [(DATA.conversion.source, DATA.conversion.quote)]
        for sector in DATA.sectors:
            quoted += [(sector.source, q) for q in sector.quotes]
            quoted += [(sector.source, f.quote) for f in sector.figures]
        for source, quote in quoted:
            assert text.find(single_spaced(quote), section_start(source.section, starts)) != -1, quote

    def test_every_number_is_in_its_sectors_quotes(self):
        for sector in DATA.sectors:
            said = set().union(*(numbers_in(q) for q in sector.quotes))
            for field in ("alliances", "small", "medium"):
                value = getattr(sector, field)
                assert value is None or value in said, f"{sector.key}.{field} = {value}"
            for figure in sector.figures:
                assert figure.value in numbers_in(figure.quote), f"{sector.key}: {figure.label}"
        assert DATA.conversion.percent == 2 and "only 2%" in DATA.conversion.quote


class TestSentences:
    def test_the_counts_read_as_the_text_says_them(self):
        assert DATA.get("software").counts_sentence() == (
            "In software, 330 cross-border alliances involving SMEs were announced in 1990–2000 "
            "(firms of under 50 employees took part in 60, firms of 50–249 employees in 270).")
        assert "in the 1990s" in DATA.get("finance").counts_sentence()
        assert "about 400" in DATA.get("wholesale").counts_sentence()
        assert "one-quarter of them" in DATA.get("pharmaceuticals").counts_sentence()
        assert DATA.get("computer_services").counts_sentence().endswith("(firms of under 50 employees took part in 85).")

    def test_the_reference_adds_the_form_in_plain_words(self):
        assert DATA.get("software").reference().endswith(DATA.get("software").form_note)


class TestMatching:
    @pytest.mark.parametrize("text, key", [
        ("Software", "software"), ("enterprise SOFTWARE vendor", "software"), ("SaaS", "software"),
        ("Pharmaceuticals", "pharmaceuticals"), ("biotech", "pharmaceuticals"), ("Big Pharma", "pharmaceuticals"),
        ("Telecommunications", "telecommunications"), ("mobile  operator", "telecommunications"),
        ("IT services", "computer_services"), ("IT", "computer_services"), ("E-commerce", "computer_services"),
        ("Wholesale", "wholesale"), ("Trading company", "wholesale"),
        ("Retail banking", "finance"), ("Insurance", "finance"), ("Real estate", "finance"),
        # the keyword that starts first wins
        ("Pharmaceutical wholesale", "pharmaceuticals"), ("Wholesale of pharmaceuticals", "wholesale"),
    ])
    def test_typical_sector_fields_match(self, text, key):
        found = match_sector(text)
        assert found is not None and found.key == key

    @pytest.mark.parametrize("text", ["", "   ", None, "Automotive", "Computer systems", "Its own market",
                                      "Softwareless", "Banksy art", "Pharmacy", "Health care"])
    def test_unrelated_or_blank_fields_match_nothing(self, text):
        assert match_sector(text) is None

    def test_a_hyphen_is_a_word_boundary_but_letters_are_not(self):
        assert match_sector("Telecom-free").key == "telecommunications"
        assert match_sector("Banksy") is None and match_sector("Software-defined radio").key == "software"

    def test_all_sectors_is_never_matched(self):
        assert DATA.get("all").keywords == ()
        assert match_sector("All sectors") is None


def write(tmp_path: Path, body: str, name: str = "oecd-sectors-1.0.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD = SHIPPED.read_text(encoding="utf-8")


class TestAnAdaptedFile:
    def test_a_copy_loads(self, tmp_path):
        assert read_sectors(write(tmp_path, GOOD)).get("telecommunications").alliances == 206

    def test_a_wrong_type_names_the_file_the_sector_and_the_field(self, tmp_path):
        body = GOOD.replace("alliances = 206", 'alliances = "many"')
        with pytest.raises(InstrumentError, match=r"oecd-sectors-1\.0\.toml: sector 'telecommunications', field 'alliances'"):
            read_sectors(write(tmp_path, body))

    def test_a_negative_count_is_refused(self, tmp_path):
        with pytest.raises(InstrumentError, match="field 'small'"):
            read_sectors(write(tmp_path, GOOD.replace("small = 55", "small = -55")))

    def test_every_problem_is_listed_at_once(self, tmp_path):
        body = (GOOD.replace('most_common_form = "form.joint_development"', 'most_common_form = "form.merger"')
                .replace("small = 175", "small = 5800")
                .replace('"saas",', '"saas", "bank",')
                .replace('seed = "003_92878a939c5b0d66.txt", section = "Strategic alliances by sector: Finance"',
                         'seed = "009_0000000000000000.txt", section = "Strategic alliances by sector: Finance"')
                .replace('approximate = ["medium"]', 'approximate = ["medium"]\nsmall_share = "one-third"'))
        with pytest.raises(InstrumentError) as error:
            read_sectors(write(tmp_path, body))
        message = str(error.value)
        assert "5 problem(s)" in message
        assert "sector 'pharmaceuticals', field 'most_common_form': 'form.merger'" in message
        assert "sector 'wholesale', field 'small': 5800 is more than the sector's 580 alliances" in message
        assert "'bank' is also a keyword of sector 'software'" in message
        assert "sector 'finance', field 'source': unknown seed file '009_0000000000000000.txt'" in message
        assert "sector 'wholesale', field 'small_share'" in message

    def test_a_version_that_differs_from_the_file_name_is_refused(self, tmp_path):
        with pytest.raises(InstrumentError, match="differs from the file name's '1.1'"):
            read_sectors(write(tmp_path, GOOD, "oecd-sectors-1.1.toml"))

    def test_an_unknown_field_is_refused(self, tmp_path):
        with pytest.raises(InstrumentError, match="sector 'finance'.*unknown field `share`"):
            read_sectors(write(tmp_path, GOOD.replace("alliances = 150", "alliances = 150\nshare = 3")))

    def test_broken_toml_is_reported_with_the_file_name(self, tmp_path):
        with pytest.raises(InstrumentError, match="oecd-sectors-1.0.toml: not valid TOML"):
            read_sectors(write(tmp_path, GOOD + "\n[[sector]\n"))
