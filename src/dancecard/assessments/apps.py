from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "dancecard.assessments"
    label = "assessments"
