"""Bulk changes on the accountability lists: what each bulk action does and which of the
selected records qualify.

Every function takes records the caller has already restricted with
:func:`accountability.services.scoping.visible`, changes each qualifying record through
``.save()`` inside :func:`accountability.services.audit.as_user` (so the audit trail
names the acting user and the action), and returns an :class:`Outcome` listing the
changed records and the skipped ones with the reason, in the user's language."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import workflow
from .audit import as_user

# A bulk action loads and saves each record on its own (the audit trail needs the
# before/after of every row, and each save also updates Wagtail's reference index).
# Measured: 500 hazards took 10 s on SQLite and 17-20 s on PostgreSQL in one request, so
# beyond this many the user is asked to narrow the list with filters first.
MAX_RECORDS = 200


@dataclass
class Skipped:
    obj: object
    reason: str


@dataclass
class Outcome:
    changed: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def _audit_note(label, note=""):
    text = str(label)
    note = (note or "").strip()
    return f"{text}：{note}"[:255] if note else text


def _change_each(objects, user, note, problem, change):
    """Save ``change(obj)`` for every record without a ``problem(obj)``, in one
    transaction, attributed to ``user``."""
    outcome = Outcome()
    with transaction.atomic(), as_user(user, note=note):
        for obj in objects:
            reason = problem(obj)
            if reason:
                outcome.skipped.append(Skipped(obj, reason))
                continue
            change(obj)
            obj.save()
            outcome.changed.append(obj)
    return outcome


# --- Archive and restore (the soft delete) ---------------------------------------------


def archive_problem(obj, user=None):
    """Why ``obj`` cannot be archived, or None. Nobody archives their own staff profile:
    it would take away their access in the middle of the work."""
    if obj.archived:
        return _("Already archived.")
    if user is not None and obj._meta.model_name == "staffprofile" and obj.user_id == user.pk:
        return _("You cannot archive your own staff profile.")
    return None


def restore_problem(obj):
    """Why ``obj`` cannot be restored, or None."""
    return None if obj.archived else _("Not archived.")


def archive(objects, user, note=""):
    """Archive the records: they leave the default lists but stay in the database, the
    "archived" list and the audit trail."""
    return _change_each(
        objects,
        user,
        _audit_note(_("Archived in bulk"), note),
        lambda obj: archive_problem(obj, user),
        lambda obj: setattr(obj, "archived", True),
    )


def restore(objects, user, note=""):
    """Bring archived records back to the default lists."""
    return _change_each(
        objects,
        user,
        _audit_note(_("Restored in bulk"), note),
        restore_problem,
        lambda obj: setattr(obj, "archived", False),
    )


# --- Workflow steps ---------------------------------------------------------------------


def step_choices(model):
    """(action, label) of every step in ``model``'s state-machine table, in table order."""
    seen, choices = set(), []
    for step in workflow.TABLES[model]:
        if step.action not in seen:
            seen.add(step.action)
            choices.append((step.action, step.label))
    return choices


def apply_step(objects, action, user):
    """Take the workflow step ``action`` on every record through ``workflow.apply`` (the
    only way a status changes). A record where the step is not possible (wrong status,
    missing prerequisite, role, archived) is skipped with the step's own message; the
    others change."""
    if objects and action not in dict(step_choices(type(objects[0]))):
        raise ValueError(f"unknown workflow step {action!r}")
    outcome = Outcome()
    for obj in objects:
        try:
            workflow.apply(obj, action, user)
        except workflow.TransitionError as exc:
            outcome.skipped.append(Skipped(obj, str(exc)))
        else:
            outcome.changed.append(obj)
    return outcome


# --- Inspections --------------------------------------------------------------------------


def check_inspection_date(value, today=None):
    """Raise ValidationError unless ``value`` may be recorded as an inspection date."""
    today = today or timezone.localdate()
    if value > today:
        raise ValidationError(
            _("The inspection date cannot be in the future (today is %(today)s).")
            % {"today": date_format(today, "SHORT_DATE_FORMAT")},
            code="future",
        )


def inspection_problem(enterprise, inspected_on):
    """Why ``inspected_on`` cannot be recorded for ``enterprise``, or None. An older
    inspection never replaces a newer one, so the next due date cannot move back."""
    if enterprise.archived:
        return _("Archived records cannot be changed.")
    last = enterprise.last_inspected_on
    if last and last == inspected_on:
        return _("This inspection is already recorded.")
    if last and last > inspected_on:
        return _("A later inspection (%(date)s) is already recorded.") % {
            "date": date_format(last, "DATE_FORMAT")
        }
    return None


def record_inspection(enterprises, inspected_on, user, note=""):
    """Record an on-site inspection on ``inspected_on``: sets ``last_inspected_on``, from
    which the enterprise computes its next inspection date (interval by colour)."""
    check_inspection_date(inspected_on)
    label = _("Inspection recorded for %(date)s") % {
        "date": date_format(inspected_on, "DATE_FORMAT")
    }
    return _change_each(
        enterprises,
        user,
        _audit_note(label, note),
        lambda e: inspection_problem(e, inspected_on),
        lambda e: setattr(e, "last_inspected_on", inspected_on),
    )
