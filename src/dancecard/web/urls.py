from django.urls import include, path

from dancecard.api.routes import api

# No Django admin: members, roles and history have pages of their own, behind the same access rules.
urlpatterns = [
    path("", include("dancecard.accounts.urls")),
    path("", include("dancecard.workspaces.urls")),
    path("", include("dancecard.portfolio.urls")),
    path("", include("dancecard.assessments.urls")),
    path("", include("dancecard.rounds.urls")),
    path("", include("dancecard.briefs.urls")),
    path("", include("dancecard.exchange.urls")),
    path("", include("dancecard.history.urls")),
    path("compare/", include("dancecard.compare.urls")),
    path("glossary/", include("dancecard.glossary.urls")),
    path("", include("dancecard.tracking.urls")),
    path("", include("dancecard.programmes.urls")),
    path("api/", api.urls),
]

handler404 = "dancecard.web.errors.not_found"
handler400 = "dancecard.web.errors.bad_request"
handler403 = "dancecard.web.errors.forbidden"
