"""State machines as tables: hazards, listed supervision and warning interviews.

Each row says: from which status, by which action, to which status, which roles may do
it, what must be filled in first, and what the step records. ``apply`` is the only way a
status changes; the admin buttons and the tests both go through it."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Hazard, Interview, SupervisionCase, Tipoff
from . import tipoffs
from .audit import as_user
from .roles import DEPARTMENT, SUPERVISORS, has_role
from .scoping import can_see

BOTH = SUPERVISORS + (DEPARTMENT,)


@dataclass(frozen=True)
class Transition:
    action: str
    label: object
    source: str
    target: str
    roles: tuple
    requires: tuple = ()  # (predicate, message) pairs checked before the step
    sets: dict = field(default_factory=dict)  # field -> "today" | "user"
    not_by: tuple = ()  # user fields naming people who may not take this step (four eyes)
    reason: bool = False  # a written reason is required (kept in the audit trail)
    then: object = None  # callable(obj, user, today) run after the step, same transaction


def _filled(name):
    return lambda obj: bool(getattr(obj, name))


def _close_case_hazard(case, user, today):
    """销号 ends the listed hazard too: an open hazard of a closed case would stay overdue
    and keep sending reminders."""
    hazard = case.hazard
    if hazard is None or hazard.status in Hazard.DONE_STATUSES:
        return
    hazard.status, hazard.closed_on = Hazard.CLOSED, today
    note = _("Closed with listed supervision case %(n)s") % {"n": case.notice_number}
    with as_user(user, note=str(note)):
        hazard.save()


H, S, I, T = Hazard, SupervisionCase, Interview, Tipoff  # noqa: E741

TABLES = {
    Hazard: [
        Transition("notify", _("Issue notice"), H.FOUND, H.NOTIFIED, BOTH, (), {"notified_on": "today"}),
        Transition("start", _("Start rectification"), H.NOTIFIED, H.RECTIFYING, BOTH,
                   ((_filled("measures"), _("Describe the rectification measures first.")),)),
        Transition("request_review", _("Request review"), H.RECTIFYING, H.REVIEW, BOTH,
                   ((_filled("evidence_after_id"), _("Attach the evidence after rectification first.")),)),
        Transition("accept", _("Accept"), H.REVIEW, H.ACCEPTED, SUPERVISORS),
        Transition("reject", _("Send back"), H.REVIEW, H.RECTIFYING, SUPERVISORS),
        Transition("close", _("Close"), H.ACCEPTED, H.CLOSED, SUPERVISORS, (), {"closed_on": "today"}),
    ],
    SupervisionCase: [
        Transition("submit_plan", _("Confirm rectification plan"), S.LISTED, S.RECTIFYING, SUPERVISORS,
                   ((lambda c: c.five_in_place,
                     _("Fill in all of the 五落实 (responsibility, measures, funds, deadline, contingency plan) first.")),)),
        Transition("request_acceptance", _("Request acceptance check"), S.RECTIFYING, S.ACCEPTANCE, SUPERVISORS,
                   (), {"acceptance_requested_by": "user"}),
        Transition("accept", _("Pass acceptance check"), S.ACCEPTANCE, S.ACCEPTED, SUPERVISORS,
                   ((_filled("acceptance_note"), _("Record the acceptance check findings first.")),),
                   {"accepted_by": "user"}, not_by=("acceptance_requested_by",)),
        Transition("reject", _("Fail acceptance check"), S.ACCEPTANCE, S.RECTIFYING, SUPERVISORS,
                   not_by=("acceptance_requested_by",), reason=True),
        Transition("close", _("Close case (销号)"), S.ACCEPTED, S.CLOSED, ("city_supervisor",), (),
                   {"closed_on": "today", "closed_by": "user"}, not_by=("acceptance_requested_by",),
                   reason=True, then=_close_case_hazard),
    ],
    Interview: [
        Transition("hold", _("Record interview held"), I.NOTIFIED, I.HELD, SUPERVISORS,
                   ((_filled("minutes"), _("Enter the minutes (约谈纪要) first.")),)),
        Transition("record_report", _("Record implementation report"), I.HELD, I.REPORTED, SUPERVISORS,
                   (), {"report_received_on": "today"}),
        Transition("close", _("Close interview"), I.REPORTED, I.CLOSED, SUPERVISORS,
                   ((_filled("outcome"), _("Enter the outcome first.")),)),
    ],
    # Public tip-offs (举报线索): 受理 → 核查 → 立案为隐患 / 不予立案 → 答复. Refusing a report
    # or not registering it needs a written reason; registering creates the hazard record.
    Tipoff: [
        Transition("accept", _("Accept (受理)"), T.RECEIVED, T.ACCEPTED, SUPERVISORS, (),
                   {"accepted_on": "today", "accepted_by": "user"}),
        Transition("refuse", _("Do not accept (不予受理)"), T.RECEIVED, T.DISMISSED, SUPERVISORS, (),
                   {"decided_on": "today"}, reason=True),
        Transition("verify", _("Record verification (核查)"), T.ACCEPTED, T.VERIFIED, SUPERVISORS,
                   ((_filled("findings"), _("Record the verification findings first.")),),
                   {"verified_on": "today", "verified_by": "user"}),
        Transition("register", _("Register as a hazard (立案为隐患)"), T.VERIFIED, T.REGISTERED,
                   SUPERVISORS,
                   ((_filled("enterprise_id"), _("Link the verified enterprise first.")),),
                   {"decided_on": "today"}, then=tipoffs.register_hazard),
        Transition("dismiss", _("Do not register (不予立案)"), T.VERIFIED, T.DISMISSED, SUPERVISORS,
                   (), {"decided_on": "today"}, reason=True),
        Transition("reply", _("Reply (答复)"), T.REGISTERED, T.REPLIED, SUPERVISORS,
                   ((_filled("public_reply"), _("Write the public reply first.")),),
                   {"replied_on": "today"}),
        Transition("reply", _("Reply (答复)"), T.DISMISSED, T.REPLIED, SUPERVISORS,
                   ((_filled("public_reply"), _("Write the public reply first.")),),
                   {"replied_on": "today"}),
    ],
}  # fmt: skip


class TransitionError(Exception):
    """A step that is not allowed; the message is shown to the user."""


def transitions_for(obj):
    return [t for t in TABLES[type(obj)] if t.source == obj.status]


def allowed_transitions(obj, user):
    """The steps ``user`` may take now (used to draw the buttons)."""
    if obj.archived:
        return []
    return [
        t
        for t in transitions_for(obj)
        if has_role(user, t.roles) and all(getattr(obj, f"{n}_id") != user.pk for n in t.not_by)
    ]


def apply(obj, action, user, today=None, reason=""):
    """Take the step ``action``; raises TransitionError with a user-facing message.
    ``reason`` is the written reason of steps that need one; it goes into the audit note."""
    today = today or timezone.localdate()
    step = next((t for t in transitions_for(obj) if t.action == action), None)
    if step is None:
        raise TransitionError(
            _("This step is not possible in the status “%(status)s”.")
            % {"status": obj.get_status_display()}
        )
    if not can_see(user, obj) or not has_role(user, step.roles):
        raise TransitionError(_("Your role may not take this step."))
    if obj.archived:
        raise TransitionError(_("Archived records cannot change status."))
    for name in step.not_by:
        if getattr(obj, f"{name}_id", None) == user.pk:
            raise TransitionError(
                _("A different person must take this step: you were the “%(who)s”.")
                % {"who": obj._meta.get_field(name).verbose_name}
            )
    for predicate, message in step.requires:
        if not predicate(obj):
            raise TransitionError(message)
    reason = (reason or "").strip()
    if step.reason and not reason:
        raise TransitionError(_("Give a written reason for this step."))
    old = obj.get_status_display()
    obj.status = step.target
    for name, value in step.sets.items():
        setattr(obj, name, today if value == "today" else user)
    note = f"{old} → {obj.get_status_display()}" + (f"：{reason}" if reason else "")
    with transaction.atomic(), as_user(user, note=note):
        obj.save()
        if step.then is not None:
            step.then(obj, user, today)
    return obj
