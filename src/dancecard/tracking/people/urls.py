from django.urls import path

from dancecard.tracking.people import views

urlpatterns = [
    path("alliances/<int:alliance_pk>/people/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/left/", views.contact_left, name="contact_left"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("alliances/<int:alliance_pk>/log/", views.interaction_new, name="interaction_new"),
    path("alliances/<int:alliance_pk>/meetings/", views.interaction_list, name="interaction_list"),
    path("interactions/<int:pk>/edit/", views.interaction_edit, name="interaction_edit"),
    path("interactions/<int:pk>/delete/", views.interaction_delete, name="interaction_delete"),
    path("alliances/<int:alliance_pk>/next-step/", views.next_step, name="next_step"),
    path("next-steps/<int:pk>/done/", views.next_step_done, name="next_step_done"),
]
