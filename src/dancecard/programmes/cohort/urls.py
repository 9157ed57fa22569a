from django.urls import path

from . import views  # noqa: F401

urlpatterns: list = []
