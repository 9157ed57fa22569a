from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dancecard.api"
    label = "api"
