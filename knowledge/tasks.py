"""Background jobs of the knowledge base (run by django-q2, see schedules.py)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from notifications.notify import notify

from .services import plans_due_for_review


def remind_plans_due():
    """Tell the editors who may publish each overdue plan, once per due date."""
    policy = PagePermissionPolicy()
    sent = 0
    for plan in plans_due_for_review():
        users = policy.users_with_permission_for_instance("publish", plan)
        created = notify(
            users,
            _("Plan due for review: %(title)s") % {"title": plan.title},
            _("The plan was due for evaluation on %(date)s. Evaluate it and record the date.")
            % {"date": date_format(plan.next_review_on, "DATE_FORMAT")},
            url=reverse("wagtailadmin_pages:edit", args=[plan.pk]),
            key=f"knowledge:plan-review:{plan.pk}:{plan.next_review_on:%Y-%m-%d}",
        )
        sent += len(created)
    return sent
