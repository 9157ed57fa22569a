from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "dancecard.history"
    label = "history"
    verbose_name = "History and undo"
