from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "dancecard.glossary"
    label = "glossary"
