from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "dancecard.exchange"
    label = "exchange"
    verbose_name = "Exports and imports"
