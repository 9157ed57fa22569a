from django.urls import path

from dancecard.workspaces import views

urlpatterns = [
    path("workspaces/", views.workspace_list, name="workspaces"),
    path("workspaces/<int:pk>/switch/", views.workspace_switch, name="workspace_switch"),
    path("workspaces/<int:pk>/leave/", views.workspace_leave, name="workspace_leave"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.member_invite, name="member_invite"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/history/<int:history_id>/undo/", views.member_undo_removal, name="member_undo_removal"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invite/<str:secret>/", views.invitation, name="invitation"),
]
