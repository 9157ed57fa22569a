from django.urls import path, register_converter

from dancecard.exchange import views


class TableFormat:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TableFormat, "table")

urlpatterns = [
    path("data/", views.exchange, name="exchange"),
    path("data/workspace.json", views.workspace_json, name="export_workspace"),
    path("data/answers.<table:extension>", views.workspace_table, name="export_answers"),
    path("data/interactions.<table:extension>", views.workspace_interactions, name="export_interactions"),
    path("data/deleted/<int:pk>/restore/", views.alliance_restore, name="alliance_restore"),
    path("alliances/<int:pk>/delete/", views.alliance_delete, name="alliance_delete"),
    path("alliances/<int:pk>/export.json", views.alliance_json, name="export_alliance"),
    path("alliances/<int:pk>/answers.<table:extension>", views.alliance_table, name="export_alliance_answers"),
    path("alliances/<int:pk>/interactions.<table:extension>", views.alliance_interactions,
         name="export_alliance_interactions"),
]
