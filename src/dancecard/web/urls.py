from django.urls import include, path

from dancecard.api.routes import api

# No Django admin: without accounts it could only be an unthrottled login page (issue 9).
urlpatterns = [
    path("", include("dancecard.portfolio.urls")),
    path("", include("dancecard.assessments.urls")),
    path("", include("dancecard.rounds.urls")),
    path("", include("dancecard.briefs.urls")),
    path("", include("dancecard.exchange.urls")),
    path("compare/", include("dancecard.compare.urls")),
    path("glossary/", include("dancecard.glossary.urls")),
    path("api/", api.urls),
]

handler404 = "dancecard.web.errors.not_found"
handler400 = "dancecard.web.errors.bad_request"
