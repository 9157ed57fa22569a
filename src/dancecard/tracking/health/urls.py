from django.urls import path

from dancecard.tracking.health import views

urlpatterns = [
    path("alliances/<int:alliance_pk>/health/new/", views.health_check_new, name="health_check_new"),
    path("alliances/<int:alliance_pk>/health/cadence/", views.health_cadence, name="health_cadence"),
    path("health/<int:pk>/", views.health_check, name="health_check"),
    path("health/<int:pk>/close/", views.health_check_close, name="health_check_close"),
    path("health/<int:pk>/reopen/", views.health_check_reopen, name="health_check_reopen"),
    path("health/<int:pk>/people/", views.health_check_people, name="health_check_people"),
    path("health/responses/<int:pk>/revoke/", views.health_response_revoke, name="health_response_revoke"),
    path("health/responses/<int:pk>/new-link/", views.health_response_new_link, name="health_response_new_link"),
    # A respondent's private link: no sign-in, found by its token.
    path("h/<str:token>/", views.health_answer, name="health_answer"),
]
