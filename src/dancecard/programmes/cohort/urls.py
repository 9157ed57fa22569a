from django.urls import path

from . import views

urlpatterns: list = [
    path("programme/", views.cohort, name="cohort"),
    path("programme/report.pdf", views.cohort_report, name="cohort_report"),
    path("programme/cohort.csv", views.cohort_csv_export, name="cohort_csv"),
    path("programme/cohort.xlsx", views.cohort_xlsx_export, name="cohort_xlsx"),
]
