"""Every stage an alliance enters is dated: the ISO 44001 path, and the start of clocks such as
"commitment unsigned for N days". Recorded here, in the same transaction as the alliance's save,
whichever way the stage changed (page, API, import, undo)."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save

from dancecard.portfolio.models import Alliance


def _remember_stage(sender, instance: Alliance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._stage_before = None
        return
    instance._stage_before = Alliance.objects.filter(pk=instance.pk).values_list("stage", flat=True).first()


def _record_stage(sender, instance: Alliance, created=False, raw=False, **kwargs):
    from dancecard.tracking.life import today
    from dancecard.tracking.models import StageChange

    if raw or getattr(instance, "_stage_before", None) == instance.stage:
        return
    StageChange.objects.create(workspace_id=instance.workspace_id, alliance=instance, date=today(),
                               stage=instance.stage)


def connect() -> None:
    pre_save.connect(_remember_stage, sender=Alliance, dispatch_uid="tracking-stage-before")
    post_save.connect(_record_stage, sender=Alliance, dispatch_uid="tracking-stage-after")
