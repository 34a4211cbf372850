"""Writes an AuditEntry for every create, change and delete of an accountability record.

Signal handlers capture the row before the save and compare it after; the acting user
comes from the request (AuditUserMiddleware) or from :func:`as_user` in jobs and
commands."""

import contextlib
import contextvars
import datetime as dt
import getpass
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from ..models import AuditEntry

# acting_user is defined beside the models that read it on save; imported from here too.
from ..models.base import acting_user
from .scoping import path_of

# Who runs a command when no account of that name exists (e.g. the operating-system user).
acting_name = contextvars.ContextVar("accountability_acting_name", default="")
_note = contextvars.ContextVar("accountability_audit_note", default="")
SKIP_FIELDS = {"created_at", "updated_at"}
REDACTED = "***"


@contextlib.contextmanager
def as_user(user, note="", name=None):
    """Attribute changes made inside the block to ``user`` (with an optional note).
    ``name`` records who acted when there is no account (commands run by an operator);
    an inner block without a name keeps the outer one."""
    t1, t2 = acting_user.set(user), _note.set(note)
    t3 = acting_name.set(name) if name is not None else None
    try:
        yield
    finally:
        acting_user.reset(t1)
        _note.reset(t2)
        if t3 is not None:
            acting_name.reset(t3)


def actor_fields(user) -> dict:
    """The audit columns naming ``user`` (or the command-line operator) as text."""
    if user is not None and getattr(user, "pk", None):
        username = user.get_username()
        return {
            "user": user,
            "username": username,
            "user_display": (user.get_full_name() or username)[:150],
        }
    name = acting_name.get()
    return {"user": None, "username": name[:150], "user_display": name[:150]}


def command_actor(username=None):
    """(user or None, name) for a management command run ``--by username``; without it
    the operating-system user who ran the command."""
    name = (username or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no passwd entry (some containers)
            name = "unknown"
    user = get_user_model().objects.filter(username=name, is_active=True).first()
    return user, name if user is None else user.get_username()


def snapshot(instance) -> dict:
    data = {}
    # Personal data a model names in AUDIT_REDACTED (a reporter's phone) is recorded as
    # changed, never with its value: the trail is read more widely than the record.
    redacted = set(getattr(instance, "AUDIT_REDACTED", ()))
    for field in instance._meta.concrete_fields:
        if field.name in SKIP_FIELDS:
            continue
        value = field.value_from_object(instance)
        if field.name in redacted:
            value = REDACTED if value not in (None, "") else ""
        data[field.attname] = value
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
    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        if not changed:
            return None
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after[k] for k in sorted(changed)}
    return AuditEntry.objects.create(
        **actor_fields(acting_user.get()),
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
    before = None if created else getattr(instance, "_audit_before", None)
    action = AuditEntry.CREATE if created else AuditEntry.UPDATE
    write(instance, action, before, snapshot(instance))
    instance._audit_before = snapshot(instance)


@receiver(post_delete)
def _log_delete(sender, instance, **kwargs):
    if not _audited(sender):
        return
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
    after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    before = getattr(instance, "_audit_m2m", [])
    if before != after:
        write(instance, AuditEntry.UPDATE, {field.name: before}, {field.name: after})


def history(instance):
    """Audit entries of ``instance``, newest first."""
    return AuditEntry.objects.filter(model=instance._meta.label, object_id=str(instance.pk))


def describe_changes(entry) -> list[dict]:
    """The entry's before/after values as rows a reader understands: the field's label
    in the user's language and each value as the form shows it (choice labels, the
    related record's name, 是/否, dates in Chinese style) instead of stored codes."""
    try:
        model = apps.get_model(entry.model)
    except (LookupError, ValueError):
        model = None
    before, after = entry.before or {}, entry.after or {}
    rows = []
    for key in list(dict.fromkeys([*before, *after])):
        field = _field_for(model, key)
        label = str(field.verbose_name) if field is not None else key
        rows.append(
            {
                "label": label[:1].upper() + label[1:],
                "before": _display(field, before.get(key)) if key in before else "",
                "after": _display(field, after.get(key)) if key in after else "",
            }
        )
    return rows


def _field_for(model, key):
    if model is None:
        return None
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if key in (field.name, getattr(field, "attname", None)):
            return field
    return None


def _display(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_many or field.many_to_one or field.one_to_one:
        pks = value if isinstance(value, list) else [value]
        related = field.related_model._default_manager.in_bulk(pks)
        return "、".join(str(related.get(pk, f"#{pk}")) for pk in pks)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field.get_internal_type() == "DateTimeField":
        moment = parse_datetime(str(value))
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
    if field.get_internal_type() == "DateField":
        day = parse_date(str(value)) if not isinstance(value, dt.date) else value
        if day is not None:
            return formats.date_format(day, "DATE_FORMAT")
    return str(value)
