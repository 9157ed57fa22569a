from django.urls import path

from dancecard.briefs import views

urlpatterns = [
    path("alliances/<int:pk>/brief/", views.brief, name="brief"),
    path("alliances/<int:pk>/brief.pdf", views.brief_pdf, name="brief_pdf"),
]
