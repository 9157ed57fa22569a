from django.urls import path

from dancecard.glossary import views

urlpatterns = [
    path("", views.glossary, name="glossary"),
]
