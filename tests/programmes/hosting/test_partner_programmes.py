"""Partner programmes a programme knows of: added, changed and deleted by managers, read by analysts; the motives and
assets they look for are vocabulary terms, anything else refused; a deletion can be undone, whole."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.programmes.hosting import services
from dancecard.programmes.models import BridgingLink, Participation, PartnerProgramme
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Workspace
from tests.conftest import make_user
from tests.programmes.hosting.conftest import text_of

pytestmark = pytest.mark.django_db

ISV = {"name": "Microsoft ISV programme", "kind": "mnc_programme", "sponsor": "Microsoft",
       "offers": "Free development software, technical support, roadshows with other partners.",
       "url": "https://partner.example.com/isv", "motives": ["motive.technology_evangelisation"],
       "assets": ["asset.niche_products", "asset.technology_ip"]}


@pytest.fixture
def isv(manager):
    return services.save_partner_programme(manager, ISV)


class TestTheList:
    def test_empty_it_explains_partner_programmes_citing_prashantham(self, maya_client):
        page = text_of(maya_client.get(reverse("hosting_partner_programmes")))
        assert "No partner programmes yet" in page and "Microsoft" in page and "STAC" in page
        citation = load_vocabulary().cite("000_587ecadf5e23e0b4.txt",
                                          "Lesson 3: engage proactively, (i) Use bridging mechanisms")
        assert f"Source: {citation}" in page and "Prashantham" in citation
        assert reverse("hosting_partner_programme_new") in page

    def test_shows_each_with_its_motives_and_assets_in_words(self, maya_client, isv):
        page = text_of(maya_client.get(reverse("hosting_partner_programmes")))
        vocabulary = load_vocabulary()
        assert "Microsoft ISV programme" in page and "A multinational's partner or ISV programme" in page
        for key in ISV["motives"] + ISV["assets"]:
            assert vocabulary.label(key) in page
        assert "motive.technology_evangelisation" not in page
        assert reverse("hosting_partner_programme_edit", args=[isv.pk]) in page

    def test_an_analyst_reads_it_without_edit_links(self, ivan_client, isv):
        page = text_of(ivan_client.get(reverse("hosting_partner_programmes")))
        assert "Microsoft ISV programme" in page
        assert reverse("hosting_partner_programme_edit", args=[isv.pk]) not in page
        assert reverse("hosting_partner_programme_new") not in page


class TestAdding:
    def test_the_form_offers_every_motive_and_asset_with_its_definition(self, maya_client):
        page = text_of(maya_client.get(reverse("hosting_partner_programme_new")))
        vocabulary = load_vocabulary()
        for group in ("motive", "asset"):
            for term in vocabulary.in_group(group):
                assert f'value="{term.key}"' in page and term.label in page and term.definition in page

    def test_a_manager_adds_one(self, maya_client, programme):
        response = maya_client.post(reverse("hosting_partner_programme_new"), ISV)
        pp = PartnerProgramme.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"#pp-{pp.pk}")
        assert (pp.workspace, pp.name, pp.sponsor, pp.url) == (programme, ISV["name"], "Microsoft", ISV["url"])
        assert pp.motives == ISV["motives"] and pp.assets == ISV["assets"]
        assert pp.history.get().history_user.username == "maya"

    @pytest.mark.parametrize("field, value, message", [
        ("motives", ["motive.world_domination"], "motive.world_domination is not an MNC motive in the vocabulary"),
        ("assets", ["motive.technology_absorption"], "is not an SME asset in the vocabulary"),
        ("kind", "cartel", "Select a valid choice"),
        ("name", "", "This field is required"),
        ("offers", "", "This field is required"),
        ("url", "javascript:alert(1)", "Enter a valid URL"),
        ("name", "Bad\u202ename", "control or invisible formatting characters"),
    ])
    def test_bad_input_is_refused_with_a_message(self, maya_client, field, value, message):
        response = maya_client.post(reverse("hosting_partner_programme_new"), {**ISV, field: value})
        assert response.status_code == 422 and message in text_of(response)
        assert not PartnerProgramme.objects.exists()

    def test_the_service_refuses_unknown_keys_too(self, manager):
        with pytest.raises(services.HostingError) as refused:
            services.save_partner_programme(manager, {**ISV, "motives": ["motive.nope"], "assets": "asset.nope"})
        assert set(refused.value.errors) == {"motives", "assets"}
        assert "Not an MNC motive in the vocabulary: motive.nope" in str(refused.value)
        assert not PartnerProgramme.objects.exists()

    def test_keys_are_kept_once_in_the_vocabularys_order(self, manager):
        pp = services.save_partner_programme(manager, {**ISV, "assets": ["asset.technology_ip", "asset.niche_products",
                                                                         "asset.technology_ip"]})
        assert pp.assets == ["asset.niche_products", "asset.technology_ip"]


class TestEditing:
    def test_a_manager_changes_one(self, maya_client, isv):
        form = text_of(maya_client.get(reverse("hosting_partner_programme_edit", args=[isv.pk])))
        assert 'value="asset.niche_products" id="id_assets_0" checked' in form
        response = maya_client.post(reverse("hosting_partner_programme_edit", args=[isv.pk]),
                                    {**ISV, "name": "Microsoft for Startups", "motives": [], "assets": []})
        assert response.status_code == 302
        isv.refresh_from_db()
        assert (isv.name, isv.motives, isv.assets) == ("Microsoft for Startups", [], [])

    def test_a_bad_key_changes_nothing(self, maya_client, isv):
        response = maya_client.post(reverse("hosting_partner_programme_edit", args=[isv.pk]),
                                    {**ISV, "name": "Changed", "motives": ["nope"]})
        assert response.status_code == 422
        assert "<h1>Edit Microsoft ISV programme</h1>" in text_of(response) and 'value="Changed"' in text_of(response)
        isv.refresh_from_db()
        assert isv.name == ISV["name"]

    def test_another_programmes_is_a_404(self, maya_client):
        other = services.create_programme(make_user("otto"), "Other programme")
        theirs = services.save_partner_programme(Access(workspace=other, role="manager"), ISV)
        for name in ("hosting_partner_programme_edit", "hosting_partner_programme_delete"):
            assert maya_client.get(reverse(name, args=[theirs.pk])).status_code == 404
            assert maya_client.post(reverse(name, args=[theirs.pk]), {**ISV, "name": "Mine"}).status_code == 404
        theirs.refresh_from_db()
        assert theirs.name == ISV["name"]


class TestDeleting:
    def test_asks_first_saying_what_is_lost(self, maya_client, isv):
        page = text_of(maya_client.get(reverse("hosting_partner_programme_delete", args=[isv.pk])))
        assert "Delete “Microsoft ISV programme”?" in page
        assert "loses that record too" in page and "restore it" in page
        assert PartnerProgramme.objects.filter(pk=isv.pk).exists()

    def test_deletes_and_restores_it_with_the_firms_records_of_it(self, maya_client, isv, programme):
        firm = Workspace.objects.create(name="Skelta", slug="skelta")
        Participation.objects.create(workspace=programme, firm=firm, consent="hidden")  # links return to members only
        alliance = save_alliance(Alliance(workspace=firm, name="BizSpark", purpose="p"),
                                 [Partner.objects.create(workspace=firm, name="Microsoft India")])
        link = BridgingLink.objects.create(workspace=firm, partner_programme=isv, alliance=alliance)
        firm_version = Workspace.objects.get(pk=firm.pk).version

        response = maya_client.post(reverse("hosting_partner_programme_delete", args=[isv.pk]), follow=True)
        assert "deleted" in text_of(response) and "Recently deleted" in text_of(response)
        assert not PartnerProgramme.objects.exists() and not BridgingLink.objects.exists()
        assert Workspace.objects.get(pk=firm.pk).version > firm_version  # the firm's pages refresh too

        deleted = services.deleted_partner_programmes(Access(workspace=programme, role="manager"))
        assert [d.name for d in deleted] == [ISV["name"]]
        restored = maya_client.post(reverse("hosting_partner_programme_restore", args=[deleted[0].history_id]),
                                    follow=True)
        assert "restored" in text_of(restored)
        back = PartnerProgramme.objects.get(pk=isv.pk)
        assert (back.name, back.motives, back.assets, back.created) == (isv.name, isv.motives, isv.assets, isv.created)
        link_back = BridgingLink.objects.get(pk=link.pk)
        assert (link_back.workspace_id, link_back.alliance_id) == (firm.pk, alliance.pk)
        assert "Recently deleted" not in text_of(maya_client.get(reverse("hosting_partner_programmes")))

    def test_restoring_twice_is_refused(self, manager, isv):
        services.delete_partner_programme(manager, isv)
        record = PartnerProgramme.history.get(history_type="-")
        services.restore_partner_programme(manager, record.history_id)
        with pytest.raises(services.HostingError, match="is back already"):
            services.restore_partner_programme(manager, record.history_id)

    def test_only_a_deletion_is_restored(self, manager, isv):
        created = PartnerProgramme.history.get(history_type="+")
        with pytest.raises(services.HostingError, match="Only a deleted partner programme"):
            services.restore_partner_programme(manager, created.history_id)


class TestAnalysts:
    def test_cannot_add_change_delete_or_restore(self, ivan_client, isv, manager, analyst):
        gone = services.save_partner_programme(manager, {**ISV, "name": "Gone"})
        services.delete_partner_programme(manager, gone)
        record = PartnerProgramme.history.get(history_type="-")
        for url in (reverse("hosting_partner_programme_new"),
                    reverse("hosting_partner_programme_edit", args=[isv.pk]),
                    reverse("hosting_partner_programme_delete", args=[isv.pk])):
            assert ivan_client.get(url).status_code == 403, url
            assert ivan_client.post(url, {**ISV, "name": "Ivan's"}).status_code == 403, url
        restore = reverse("hosting_partner_programme_restore", args=[record.history_id])
        assert ivan_client.post(restore).status_code == 403
        for act in (lambda: services.save_partner_programme(analyst, ISV),
                    lambda: services.delete_partner_programme(analyst, isv),
                    lambda: services.restore_partner_programme(analyst, record.history_id)):
            with pytest.raises(PermissionDenied):
                act()
        assert list(PartnerProgramme.objects.values_list("name", flat=True)) == [ISV["name"]]
