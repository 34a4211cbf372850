"""Writes an AuditEntry for every create, change and delete of an accountability record.

Signal handlers capture the row before the save and compare it after; the acting user
comes from the request (AuditUserMiddleware) or from :func:`as_user` in jobs and
commands."""

import contextlib
import contextvars

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

acting_user = contextvars.ContextVar("accountability_acting_user", default=None)
_note = contextvars.ContextVar("accountability_audit_note", default="")
SKIP_FIELDS = {"created_at", "updated_at"}


@contextlib.contextmanager
def as_user(user, note=""):
    """Attribute changes made inside the block to ``user`` (with an optional note)."""
    t1, t2 = acting_user.set(user), _note.set(note)
    try:
        yield
    finally:
        acting_user.reset(t1)
        _note.reset(t2)


def snapshot(instance) -> dict:
    import json

    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIP_FIELDS:
            continue
        data[field.attname] = field.value_from_object(instance)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _audited(sender) -> bool:
    meta = sender._meta
    return meta.app_label == "accountability" and sender.__name__ != "AuditEntry"


@receiver(pre_save)
def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or not _audited(sender):
        return
    before = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
        before = snapshot(old) if old is not None else None
    instance._audit_before = before


def write(instance, action, before, after, note=""):
    from ..models import AuditEntry
    from .scoping import path_of

    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        if not changed:
            return None
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after[k] for k in sorted(changed)}
    user = acting_user.get()
    return AuditEntry.objects.create(
        user=user if user is not None and getattr(user, "pk", None) else None,
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        jurisdiction_path=path_of(instance) or "",
        before=before,
        after=after,
        note=(note or _note.get())[:255],
    )


@receiver(post_save)
def _log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _audited(sender):
        return
    from ..models import AuditEntry

    before = None if created else getattr(instance, "_audit_before", None)
    action = AuditEntry.CREATE if created else AuditEntry.UPDATE
    write(instance, action, before, snapshot(instance))
    instance._audit_before = snapshot(instance)


@receiver(post_delete)
def _log_delete(sender, instance, **kwargs):
    if not _audited(sender):
        return
    from ..models import AuditEntry

    write(instance, AuditEntry.DELETE, snapshot(instance), None)


@receiver(m2m_changed)
def _log_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Many-to-many changes (rating criteria, department industries) as one update row."""
    if reverse or not _audited(type(instance)):
        return
    field = next((f for f in instance._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    if action.startswith("pre_"):
        instance._audit_m2m = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        return
    from ..models import AuditEntry

    after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    before = getattr(instance, "_audit_m2m", [])
    if before != after:
        write(instance, AuditEntry.UPDATE, {field.name: before}, {field.name: after})


def history(instance):
    """Audit entries of ``instance``, newest first."""
    AuditEntry = apps.get_model("accountability", "AuditEntry")
    return AuditEntry.objects.filter(model=instance._meta.label, object_id=str(instance.pk))
