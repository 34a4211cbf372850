"""Controlled changes as tables: what an audit looks at changes only through a written
request decided by a second person.

``RULES`` says, per kind of change: the record it applies to, which roles may request it,
which roles must approve it, what the request asks for and what approval applies.
``LOCKED`` says which form fields are read-only (and from when): direct edits of those
fields are impossible, the form points to the request instead. Rules that hold for every
kind (checked in :func:`check_decider`):

- the approver is never the requester (four eyes);
- the approver sees the record (same jurisdiction scoping as everything else);
- nobody decides about their own unit: an assessed department or district is never
  graded or excused by its own staff, only by a level above it.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.notify import notify

from ..models import Assessment, ChangeRequest, Hazard, SupervisionCase, VetoItem
from .audit import as_user
from .reminders import staff
from .roles import CITY, DEPARTMENT, GROUP_NAMES, SUPERVISORS, has_role, role_group
from .scoping import can_see, user_scope, visible

CR = ChangeRequest
MAX_DAYS = 3650


class ChangeError(Exception):
    """A request or decision that is not allowed; the message is shown to the user."""


def _extend(request, obj):
    setattr(obj, RULES[request.kind].field, int(request.new_value))
    obj.save()


def _remove_veto(request, assessment):
    item = request.veto_item
    if item is None or item.assessment_id != assessment.pk:
        raise ChangeError(_("The veto item no longer exists."))
    request.veto_item = None
    item.delete()


def _set_score(request, assessment):
    assessment.score = Decimal(request.new_value)
    assessment.save()


def _reopen(request, case):
    case.status = SupervisionCase.RECTIFYING
    case.closed_on = case.closed_by = case.accepted_by = case.acceptance_requested_by = None
    case.save()


def _open(obj):
    return obj.status not in obj.DONE_STATUSES


@dataclass(frozen=True)
class Rule:
    model: type
    target: str  # ChangeRequest field that holds the record
    requesters: tuple  # roles that may ask
    approvers: tuple  # roles that must decide (never the requester, never the own unit)
    field: str  # the record's controlled field
    asks: str  # "days" (a longer period), "score", "veto" (which item) or "" (nothing)
    when: object  # predicate on the record: may this change be requested now?
    not_now: object  # message when ``when`` fails
    applies: object  # callable(request, record) run on approval


RULES = {
    CR.HAZARD_EXTENSION: Rule(
        Hazard, "hazard", SUPERVISORS + (DEPARTMENT,), (CITY,), "rectification_days", "days",
        lambda h: h.notified_on is not None and _open(h),
        gettext_lazy("Only an open hazard whose notice was issued can be extended."), _extend),
    CR.CASE_EXTENSION: Rule(
        SupervisionCase, "supervision_case", SUPERVISORS, (CITY,), "period_days", "days", _open,
        gettext_lazy("Only an open case can be extended."), _extend),
    CR.REMOVE_VETO: Rule(
        Assessment, "assessment", SUPERVISORS, (CITY,), "veto_items", "veto",
        lambda a: a.veto_items.exists(), gettext_lazy("This assessment has no veto item."),
        _remove_veto),
    CR.CHANGE_SCORE: Rule(
        Assessment, "assessment", SUPERVISORS, (CITY,), "score", "score", lambda a: True, "",
        _set_score),
    CR.REOPEN_CASE: Rule(
        SupervisionCase, "supervision_case", SUPERVISORS, (CITY,), "status", "",
        lambda c: c.status in SupervisionCase.DONE_STATUSES,
        gettext_lazy("Only an accepted or closed case can be reopened."), _reopen),
}  # fmt: skip

# Form fields that only a change request may change: model -> {field: (locked when, kind)}.
LOCKED = {
    Hazard: {"rectification_days": (lambda h: h.notified_on is not None, CR.HAZARD_EXTENSION)},
    SupervisionCase: {
        "period_days": (lambda c: c.pk is not None, CR.CASE_EXTENSION),
        "listed_on": (lambda c: c.pk is not None, CR.CASE_EXTENSION),
    },
    Assessment: {
        "score": (lambda a: a.pk is not None, CR.CHANGE_SCORE),
        "year": (lambda a: a.pk is not None, CR.CHANGE_SCORE),
        "jurisdiction": (lambda a: a.pk is not None, CR.CHANGE_SCORE),
        "enterprise": (lambda a: a.pk is not None, CR.CHANGE_SCORE),
    },
}


def locked_fields(obj) -> dict:
    """{field name: kind of change request} of the fields locked on ``obj`` now."""
    return {name: kind for name, (when, kind) in LOCKED.get(type(obj), {}).items() if when(obj)}


def kinds_for(obj):
    return [kind for kind, rule in RULES.items() if rule.model is type(obj)]


def requestable(obj, user):
    """(kind, label) of the changes ``user`` may request on ``obj`` now."""
    if obj.pk is None or getattr(obj, "archived", False) or not can_see(user, obj):
        return []
    labels = dict(CR.KIND_CHOICES)
    return [
        (kind, labels[kind])
        for kind in kinds_for(obj)
        if has_role(user, RULES[kind].requesters) and RULES[kind].when(obj)
    ]


def approver_label(request) -> str:
    roles = "、".join(
        getattr(role_group(r), "name", GROUP_NAMES[r]) for r in RULES[request.kind].approvers
    )
    return _("%(roles)s (not the requester)") % {"roles": roles}


def must_act(request) -> str:
    """Who must act now on ``request``, in words (the approver role of its rule); nothing
    once it is decided. The change-request list and inspect page show it."""
    return approver_label(request) if request.status == request.PENDING else ""


def own_unit(user, request) -> bool:
    """True when the assessed department or district is the user's own unit or above it
    (a district may not grade or excuse itself)."""
    unit = request.jurisdiction
    if request.kind not in (CR.REMOVE_VETO, CR.CHANGE_SCORE) or unit is None:
        return False
    scope = user_scope(user)
    if scope.everything:
        return False
    mine = scope.path or ""
    return unit.path == mine or mine.startswith(unit.path + "/")


def check_decider(request, user):
    rule = RULES[request.kind]
    if request.status != CR.PENDING:
        raise ChangeError(_("This request has already been decided."))
    if request.requested_by_id == user.pk:
        raise ChangeError(_("A different person must decide: you made this request."))
    if not has_role(user, rule.approvers) or not can_see(user, request.target):
        raise ChangeError(
            _("Your role may not decide this request; it needs: %(who)s.")
            % {"who": approver_label(request)}
        )
    if own_unit(user, request):
        raise ChangeError(_("A unit may not grade or excuse itself; a higher level decides."))


def may_decide(request, user) -> bool:
    try:
        check_decider(request, user)
    except ChangeError:
        return False
    return True


def _clean_value(rule, obj, value, veto_item):
    if rule.asks == "days":
        current = getattr(obj, rule.field)
        try:
            days = int(str(value).strip())
        except (TypeError, ValueError):
            raise ChangeError(_("Enter the new period as a whole number of days.")) from None
        if not current < days <= MAX_DAYS:
            raise ChangeError(
                _("An extension must be longer than the current %(days)d days (at most %(max)d).")
                % {"days": current, "max": MAX_DAYS}
            )
        return str(current), str(days)
    if rule.asks == "score":
        try:
            score = Decimal(str(value).strip()).quantize(Decimal("0.1"))
        except (InvalidOperation, TypeError, ValueError):
            raise ChangeError(_("Enter a score between 0 and 100.")) from None
        if not Decimal(0) <= score <= Decimal(100) or score == obj.score:
            raise ChangeError(
                _("Enter a score between 0 and 100 that differs from the current one.")
            )
        return str(obj.score), str(score)
    if rule.asks == "veto":
        if not isinstance(veto_item, VetoItem) or veto_item.assessment_id != obj.pk:
            raise ChangeError(_("Choose the veto item to remove."))
        return veto_item.reason[:60], ""
    return obj.get_status_display(), str(
        dict(SupervisionCase.STATUS_CHOICES)[SupervisionCase.RECTIFYING]
    )


def _summary(kind, old, new, veto_item):
    if kind in (CR.HAZARD_EXTENSION, CR.CASE_EXTENSION):
        return _("Rectification period %(old)s → %(new)s days") % {"old": old, "new": new}
    if kind == CR.CHANGE_SCORE:
        return _("Score %(old)s → %(new)s") % {"old": old, "new": new}
    if kind == CR.REMOVE_VETO:
        return _("Remove veto item “%(item)s” (%(date)s)") % {
            "item": veto_item.reason, "date": date_format(veto_item.occurred_on, "DATE_FORMAT")}  # fmt: skip
    return f"{old} → {new}"


def _name(user):
    return (user.get_full_name() or user.get_username())[:150] if user else ""


def request_change(obj, kind, user, reason, value=None, veto_item=None):
    """File a request; raises ChangeError with a user-facing message."""
    rule = RULES.get(kind)
    if rule is None or rule.model is not type(obj):
        raise ChangeError(_("This change cannot be requested for this record."))
    if not can_see(user, obj) or not has_role(user, rule.requesters):
        raise ChangeError(_("Your role may not request this change."))
    if getattr(obj, "archived", False):
        raise ChangeError(_("Archived records cannot be changed."))
    if not rule.when(obj):
        raise ChangeError(str(rule.not_now))
    reason = (reason or "").strip()
    if not reason:
        raise ChangeError(_("Give a written reason for the change."))
    pending = CR.objects.filter(status=CR.PENDING, kind=kind, **{rule.target: obj})
    if pending.exists():
        raise ChangeError(_("A request of this kind is already waiting for a decision."))
    old, new = _clean_value(rule, obj, value, veto_item)
    request = CR(
        kind=kind,
        reason=reason,
        old_value=old[:60],
        new_value=new[:60],
        summary=_summary(kind, old, new, veto_item)[:255],
        veto_item=veto_item if rule.asks == "veto" else None,
        requested_by=user,
        requested_by_name=_name(user),
        **{rule.target: obj},
    )
    if isinstance(obj, Assessment):
        request.enterprise, request.jurisdiction = obj.enterprise, obj.jurisdiction
    else:
        request.enterprise = obj.enterprise
    with transaction.atomic(), as_user(user, note=_("Requested: %(r)s") % {"r": reason}):
        request.save()
    _tell_approvers(request)
    return request


def _notify(users, title, request, marker):
    url = reverse("accountability_changerequest:inspect", args=[request.pk])
    body = f"{request.summary}\n{request.reason}"
    notify(users, title, body, url=url, key=f"accountability:change:{request.pk}:{marker}")


def _tell_approvers(request):
    """Everyone who may decide the request hears of it at once (not only via the list)."""
    users = [u for u, _scope in staff() if may_decide(request, u)]
    values = {"kind": request.get_kind_display(), "record": request.target_repr}
    _notify(users, _("Change request waiting for your decision: %(kind)s, %(record)s") % values,
            request, "filed")  # fmt: skip


def decide(request, user, approve: bool, note=""):
    """Approve (the change is applied to the record) or reject a pending request."""
    check_decider(request, user)
    note = (note or "").strip()
    if not approve and not note:
        raise ChangeError(_("Give the reason for the rejection."))
    rule = RULES[request.kind]
    label = request.get_kind_display()
    with transaction.atomic():
        # two approvers at once: the row lock lets only the first decide
        if not CR.objects.select_for_update().filter(pk=request.pk, status=CR.PENDING).exists():
            raise ChangeError(_("This request has already been decided."))
        target = type(request.target).objects.select_for_update().get(pk=request.target.pk)
        if approve:
            if not rule.when(target):
                raise ChangeError(str(rule.not_now))
            audit_note = _("%(kind)s no. %(n)d approved: %(reason)s") % {
                "kind": label, "n": request.pk, "reason": request.reason}  # fmt: skip
            with as_user(user, note=audit_note):
                rule.applies(request, target)
        request.status = CR.APPROVED if approve else CR.REJECTED
        request.decided_by, request.decided_by_name = user, _name(user)
        request.decided_at = timezone.now()
        request.decision_note = note
        verdict = _("Approved") if approve else _("Rejected")
        with as_user(user, note=f"{verdict}：{note}" if note else str(verdict)):
            request.save()
    if request.requested_by is not None:
        values = {"verdict": verdict, "kind": label, "record": request.target_repr}
        _notify([request.requested_by], _("%(verdict)s: %(kind)s, %(record)s") % values,
                request, "decided")  # fmt: skip
    return request


def withdraw(request, user):
    if request.status != CR.PENDING or request.requested_by_id != user.pk:
        raise ChangeError(_("Only the requester can withdraw a pending request."))
    request.status = CR.WITHDRAWN
    with as_user(user, note=str(_("Withdrawn"))):
        request.save()
    return request


def pending(user):
    """Pending requests the user may see."""
    return visible(user, CR.objects.filter(status=CR.PENDING))


def awaiting(user):
    """Pending requests that wait for this user's decision."""
    ids = [r.pk for r in pending(user).select_related(*TARGETS) if may_decide(r, user)]
    return CR.objects.filter(pk__in=ids)


TARGETS = ("hazard", "supervision_case", "assessment", "jurisdiction")
