from django.urls import include, path

# hosting: a programme's staff run it (firms, invitations, partner programmes, settings).
# membership: a firm's owner joins programmes, sets consent, leaves, uses partner programmes.
# cohort: what a programme sees of its firms, under disclosure control (page, report, exports).
urlpatterns = [
    path("", include("dancecard.programmes.hosting.urls")),
    path("", include("dancecard.programmes.membership.urls")),
    path("", include("dancecard.programmes.cohort.urls")),
]
