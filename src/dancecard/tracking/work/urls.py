from django.urls import path

from dancecard.tracking.work import views

# The joint work (milestones, postponements), the paper (commitments), revenue shares and the timeline.
urlpatterns = [
    path("alliances/<int:alliance_pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/postpone/", views.milestone_postpone, name="milestone_postpone"),
    path("milestones/<int:pk>/close/", views.milestone_close, name="milestone_close"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("alliances/<int:alliance_pk>/commitments/new/", views.commitment_new, name="commitment_new"),
    path("alliances/<int:alliance_pk>/commitments/use/", views.commitment_answers_use, name="commitment_answers_use"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/delete/", views.commitment_delete, name="commitment_delete"),
    path("alliances/<int:alliance_pk>/revenue-share/", views.revenue_share_new, name="revenue_share_new"),
    path("alliances/<int:pk>/timeline/", views.alliance_timeline, name="alliance_timeline"),
]
