from django.urls import include, path

# One module of pages per part of the alliance's life.
urlpatterns = [
    path("", include("dancecard.tracking.people.urls")),
    path("", include("dancecard.tracking.work.urls")),
    path("", include("dancecard.tracking.health.urls")),
    path("", include("dancecard.tracking.attention.urls")),
]
