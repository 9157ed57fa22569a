from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "dancecard.briefs"
    label = "briefs"
