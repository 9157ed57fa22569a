from django.urls import path

from dancecard.tracking.attention import views

urlpatterns = [
    path("attention/", views.attention, name="attention"),
    path("account/calendar/", views.calendar_links, name="calendar_links"),
    path("calendar/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
]
