from django.urls import path

from dancecard.compare import views

urlpatterns = [
    path("", views.compare, name="compare"),
    path("partners/", views.compare_partners, name="compare_partners"),
]
