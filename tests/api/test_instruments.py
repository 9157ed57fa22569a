import pytest

pytestmark = pytest.mark.django_db


class TestInstrumentList:
    def test_it_lists_every_shipped_version_with_its_key(self, api):
        status, body = api.get("/instruments")
        assert status == 200
        versions = [i for i in body if i["name"] == "quick"]
        assert [i["version"] for i in versions] == ["1.0", "2.0"]  # 1.0 stays: stored assessments use it
        latest = versions[-1]
        assert latest["key"] == "quick@2.0" and latest["items"] == 12 and latest["latest"] is True
        assert versions[0]["latest"] is False


class TestInstrumentDetail:
    def test_it_gives_every_item_with_its_scale_direction_weight_and_source(self, api):
        status, body = api.get("/instruments/quick")
        assert status == 200 and body["name"] == "quick" and len(body["items"]) == 12
        item = next(i for i in body["items"] if i["id"] == "quick.customer_need")
        for field in ("factor", "dimension", "question", "help", "kind", "labels", "options", "direction",
                      "weight", "gate", "part", "asks", "ask_partner", "check_in_house", "source"):
            assert field in item
        assert item["factor"] == "market" and item["gate"] is True and len(item["labels"]) == 5
        assert item["source"]["seed"].endswith(".txt") and item["source"]["citation"]

    def test_choice_items_list_their_option_values(self, api):
        _, body = api.get("/instruments/quick")
        route = next(i for i in body["items"] if i["id"] == "quick.route_to_market")
        assert "joint_promotion" in [o["value"] for o in route["options"]]

    def test_a_version_can_be_asked_for(self, api):
        _, listing = api.get("/instruments")
        version = next(i["version"] for i in listing if i["name"] == "quick")
        status, body = api.get(f"/instruments/quick@{version}")
        assert status == 200 and body["version"] == version

    @pytest.mark.parametrize("name", ["nope", "quick@9.9"])
    def test_an_unknown_instrument_is_a_404_naming_the_known_ones(self, api, name):
        status, body = api.get(f"/instruments/{name}")
        assert status == 404 and "quick@" in body["detail"]
