from django.urls import path

from dancecard.programmes.hosting import views

# A programme's own pages, run by its staff (the cohort is at programme/ itself, in cohort/).
urlpatterns = [
    path("programme/firms/", views.firms, name="hosting_firms"),
    path("programme/firms/invite/", views.firm_invite, name="hosting_firm_invite"),
    path("programme/invitations/<int:pk>/revoke/", views.invitation_revoke, name="hosting_invitation_revoke"),
    path("programme/settings/", views.settings, name="hosting_settings"),
    path("programme/partner-programmes/", views.partner_programmes, name="hosting_partner_programmes"),
    path("programme/partner-programmes/new/", views.partner_programme_new, name="hosting_partner_programme_new"),
    path("programme/partner-programmes/<int:pk>/edit/", views.partner_programme_edit,
         name="hosting_partner_programme_edit"),
    path("programme/partner-programmes/<int:pk>/delete/", views.partner_programme_delete,
         name="hosting_partner_programme_delete"),
    path("programme/partner-programmes/deleted/<int:history_id>/restore/", views.partner_programme_restore,
         name="hosting_partner_programme_restore"),
]
