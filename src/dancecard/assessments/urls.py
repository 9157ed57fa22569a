from django.urls import path

from dancecard.assessments import views

urlpatterns = [
    path("alliances/<int:alliance_pk>/assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/<int:pk>/", views.assessment_result, name="assessment_result"),
    path("assessments/<int:pk>/step/<int:number>/", views.assessment_step, name="assessment_step"),
    path("assessments/<int:pk>/complete/", views.assessment_complete, name="assessment_complete"),
    path("assessments/<int:pk>/delete/", views.assessment_delete, name="assessment_delete"),
    path("alliances/<int:alliance_pk>/assessments/<int:pk>/make-current/", views.assessment_make_current,
         name="assessment_make_current"),
    path("instruments/", views.instrument_list, name="instrument_list"),
    path("instruments/<str:key>/", views.instrument_detail, name="instrument_detail"),
]
