from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "dancecard.portfolio"
    label = "portfolio"
    verbose_name = "Partners and alliances"
