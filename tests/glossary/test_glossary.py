"""The glossary page and the term links that point at it from every other page."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.template import Context, Template
from django.utils.html import escape

from dancecard.assessments.services import assess_now
from dancecard.core.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()


class Page(HTMLParser):
    """Every id on a page, and every link: (href, class, text)."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            link = {"href": attrs.get("href", ""), "class": attrs.get("class", ""), "title": attrs.get("title"),
                    "target": attrs.get("target"), "text": ""}
            self.links.append(link)
            self._open.append(link)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for link in self._open:
            link["text"] += data

    def glossary_links(self) -> list[dict]:
        """Links into the glossary (the nav's plain link to the page left out)."""
        return [link for link in self.links if urlsplit(link["href"]).path == "/glossary/" and "#" in link["href"]]


def get(client, url) -> Page:
    response = client.get(url)
    assert response.status_code == 200, url
    return Page(response.content.decode())


@pytest.fixture
def glossary(client, workspace) -> Page:
    return get(client, "/glossary/")


def assert_all_land(links: list[dict], glossary: Page) -> None:
    assert links
    missing = {link["href"] for link in links if urlsplit(link["href"]).fragment not in glossary.ids}
    assert not missing, f"links to anchors the glossary does not have: {missing}"


@pytest.mark.django_db
class TestGlossaryPage:
    def test_it_lists_every_term_with_its_anchor_label_and_source(self, client, workspace):
        html = client.get("/glossary/").content.decode()
        page = Page(html)
        for term in VOCABULARY.terms.values():
            assert f"term-{term.key}" in page.ids, term.key
            assert escape(term.label) in html and escape(term.definition) in html
            assert escape(VOCABULARY.cite(term.source.seed, term.source.section)) in html, term.key

    def test_groups_come_in_the_groups_table_order_with_a_table_of_contents(self, client, workspace):
        html = client.get("/glossary/").content.decode()
        positions = [html.index(f'id="group-{group}"') for group in VOCABULARY.groups]
        assert positions == sorted(positions)
        toc = [link["href"] for link in Page(html).links if link["href"].startswith("#group-")]
        assert toc == [f"#group-{group}" for group in VOCABULARY.groups]

    def test_advice_and_print_styles_are_there(self, client, workspace):
        html = client.get("/glossary/").content.decode()
        assert VOCABULARY.terms["networking_type.passive"].advice in html
        assert "What it mitigates:" in html
        css = client.get("/static/dancecard/app.css")
        assert b"@media print" in b"".join(css.streaming_content if css.streaming else [css.content])

    def test_every_page_links_to_it_from_the_nav(self, client, workspace):
        nav = [link for link in get(client, "/").links if link["text"] == "Glossary"]
        assert nav and nav[0]["href"] == "/glossary/"


@pytest.mark.django_db
class TestTermLinks:
    def test_every_term_link_on_a_result_page_lands_on_an_anchor(self, client, assessed_alliance, glossary):
        page = get(client, f"/assessments/{assessed_alliance.current_assessment.pk}/")
        links = page.glossary_links()
        assert_all_land(links, glossary)
        texts = {link["text"] for link in links}
        # factors, verdict band, a barrier, a motive, an engagement strategy
        assert {"Market needs", "Partner value", "Risk profile", "Pursue", "Acquisition", "Technology absorption",
                "Written commitment (MoU)"} <= texts
        assert all(link["title"] for link in links if link["href"].split("#")[1].startswith("term-"))

    def test_a_full_assessment_links_its_networking_type_and_structure(self, client, make_alliance, glossary):
        alliance = make_alliance()
        assessment = assess_now(alliance, "full", {"full.structure": "licensing", "full.network_endowment": 5,
                                                  "full.network_leverage": 2})
        links = get(client, f"/assessments/{assessment.pk}/").glossary_links()
        assert_all_land(links, glossary)
        hrefs = {link["href"] for link in links}
        assert {"/glossary/#term-form.licensing", "/glossary/#term-networking_type.passive"} <= hrefs

    def test_portfolio_alliance_partner_and_instrument_pages_link_terms(self, client, assessed_alliance, glossary):
        assessed_alliance.form = "joint_venture"
        assessed_alliance.save()
        partner = assessed_alliance.partners.first()
        for url, expected in [
            ("/", {"/glossary/#term-stage.prospect", "/glossary/#term-verdict.pursue", "/glossary/#group-stage"}),
            (assessed_alliance.get_absolute_url(), {"/glossary/#term-stage.prospect", "/glossary/#term-verdict.pursue",
                                                    "/glossary/#term-form.joint_venture", "/glossary/#term-market"}),
            (partner.get_absolute_url(), {"/glossary/#term-profile.subsidiary_autonomy"}),
            ("/instruments/full/", {"/glossary/#term-power.hold_up", "/glossary/#term-risk"}),
        ]:
            links = get(client, url).glossary_links()
            assert_all_land(links, glossary)
            assert expected <= {link["href"] for link in links}, url

    def test_the_question_page_links_the_items_term_in_a_new_tab(self, client, assessed_alliance, glossary):
        response = client.post(f"/alliances/{assessed_alliance.pk}/assessments/new/", {"instrument": "quick"})
        links = get(client, response.url).glossary_links()
        assert_all_land(links, glossary)
        about = [link for link in links if link["href"] == "/glossary/#term-market.customer_need"]
        assert about and about[0]["target"] == "_blank"

    def test_compare_page_links_factor_names(self, client, assessed_alliance, make_alliance, glossary):
        other = make_alliance("Second")
        assess_now(other, "quick", {"quick.customer_need": 2})
        links = get(client, f"/compare/?ids={assessed_alliance.pk}&ids={other.pk}").glossary_links()
        assert_all_land(links, glossary)
        assert {"Market needs", "Partner value", "Risk profile"} <= {link["text"] for link in links}


class TestTermTag:
    def render(self, source: str, **context) -> str:
        return Template("{% load dancecard %}" + source).render(Context(context))

    def test_it_links_the_label_with_a_short_definition_as_title(self):
        html = self.render('{% term "power.hold_up" %}')
        link = Page(html).links[0]
        assert link["href"] == "/glossary/#term-power.hold_up" and link["text"] == "Hold-up"
        assert link["class"] == "term" and link["title"].startswith("Once the SME has invested")

    def test_it_escapes_labels_and_joins_parts(self):
        html = self.render('{% term "stage" value label=label cls="stage" %}', value="active", label="<b>Live</b>")
        assert "&lt;b&gt;Live&lt;/b&gt;" in html and 'class="term stage"' in html and "#term-stage.active" in html

    def test_unknown_or_empty_keys_render_as_plain_text(self):
        assert self.render('{% term "nonsense.key" %}') == "nonsense.key"
        assert self.render('{% term "form" value label="Not decided" %}', value="") == "Not decided"
