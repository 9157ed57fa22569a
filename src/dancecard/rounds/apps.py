from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "dancecard.rounds"
    label = "rounds"
    verbose_name = "Team assessment rounds"
