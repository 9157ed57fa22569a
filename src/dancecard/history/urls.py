from django.urls import path, register_converter

from dancecard.history import views
from dancecard.history.services import MODELS


class RecordKind:
    """The kinds of record an undo can act on: anything else is no URL at all (404)."""

    regex = "|".join(MODELS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RecordKind, "record")

urlpatterns = [
    path("alliances/<int:pk>/history/", views.alliance_history, name="alliance_history"),
    path("partners/<int:pk>/history/", views.partner_history, name="partner_history"),
    path("history/<record:model>/<int:history_id>/undo/", views.undo_change, name="history_undo"),
]
