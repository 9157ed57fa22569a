"""Completed assessments' summaries gain the profile a programme's cohort counts (core/cohort.py profile_of).

Read from each stored result, never re-scored: a released instrument or model change must not
rewrite what a firm saw when it completed the assessment."""

from django.db import migrations


def add_profiles(apps, schema_editor):
    from dancecard.core.cohort import profile_of

    Assessment = apps.get_model("assessments", "Assessment")
    for assessment in Assessment.objects.exclude(result=None).iterator(chunk_size=500):
        summary = dict(assessment.summary or {})
        summary["profile"] = profile_of(assessment.result)
        Assessment.objects.filter(pk=assessment.pk).update(summary=summary)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_historicalassessment")]
    operations = [migrations.RunPython(add_profiles, migrations.RunPython.noop)]
