from django.apps import AppConfig


class CompareConfig(AppConfig):
    name = "dancecard.compare"
    label = "compare"
