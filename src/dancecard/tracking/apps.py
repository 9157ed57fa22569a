from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "dancecard.tracking"
    label = "tracking"
    verbose_name = "Alliance life"

    def ready(self) -> None:
        from dancecard.tracking import receivers

        receivers.connect()
