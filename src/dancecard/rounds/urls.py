from django.urls import path

from dancecard.rounds import views

urlpatterns = [
    path("alliances/<int:alliance_pk>/rounds/new/", views.round_new, name="round_new"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/reopen/", views.round_reopen, name="round_reopen"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/delete/", views.round_delete, name="round_delete"),
    path("rounds/<int:pk>/links/extend/", views.round_extend_links, name="round_extend_links"),
    path("respondents/<int:pk>/revoke/", views.respondent_revoke, name="respondent_revoke"),
    path("respondents/<int:pk>/new-link/", views.respondent_new_link, name="respondent_new_link"),
    path("r/<str:token>/", views.respond, name="respond"),
    path("r/<str:token>/step/<int:number>/", views.respond_step, name="respond_step"),
    path("r/<str:token>/submit/", views.respond_submit, name="respond_submit"),
]
