from django.urls import include, path

from dancecard.accounts import views

urlpatterns = [
    path("signin/<str:secret>/", views.sign_in_link, name="sign_in_link"),
    path("account/tokens/", views.tokens, name="tokens"),
    path("accounts/", include("allauth.urls")),
]
