from django.urls import path

from dancecard.programmes.membership import views

# A firm's side of bridging programmes (the programme's own pages are in hosting/ and cohort/).
urlpatterns = [
    path("programmes/join/<str:secret>/", views.programme_join, name="programme_join"),
    path("programmes/", views.membership_list, name="membership_list"),
    path("programmes/memberships/<int:pk>/consent/", views.membership_consent, name="membership_consent"),
    path("programmes/memberships/<int:pk>/leave/", views.membership_leave, name="membership_leave"),
    path("programmes/partner-programmes/", views.membership_partner_programmes, name="membership_partner_programmes"),
    path("programmes/partner-programmes/<int:pk>/join/", views.membership_partner_join,
         name="membership_partner_join"),
]
