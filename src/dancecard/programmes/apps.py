from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "dancecard.programmes"
    label = "programmes"
    verbose_name = "Bridging programmes"
