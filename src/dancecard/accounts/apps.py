from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dancecard.accounts"
    label = "accounts"
