"""A team member's answers are theirs alone until they submit them.

One rule for every way in — pages, the API, the answer tables — so that a round
respondent's draft never shows anywhere but on their own private link.
"""

from __future__ import annotations

from django.db.models import QuerySet

from dancecard.assessments.models import Assessment


def is_private_draft(assessment: Assessment) -> bool:
    respondent = getattr(assessment, "respondent_of", None)  # None unless part of a team round
    return respondent is not None and not respondent.has_submitted


def visible(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The assessments anyone in the workspace may see: without respondents' unsubmitted drafts."""
    return assessments.exclude(respondent_of__isnull=False, respondent_of__submitted__isnull=True)
