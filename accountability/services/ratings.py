"""Rating history, colour changes and downgrade proposals."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import BLUE, RED, YELLOW, DowngradeProposal, Enterprise, Rating
from .audit import acting_user, as_user

ONE_STEP_WORSE = {BLUE: YELLOW, YELLOW: RED, RED: RED, "": YELLOW}


def current_rating(enterprise, today=None):
    """The newest rating in force on ``today``, or None."""
    today = today or timezone.localdate()
    return (
        enterprise.ratings.filter(archived=False, effective_from__lte=today)
        .exclude(effective_to__lt=today)
        .order_by("-effective_from", "-pk")
        .first()
    )


def refresh_colour(enterprise, today=None):
    """Set the enterprise's colour (and the day it took effect) from its rating history:
    the newest rating in force on ``today``. A rating dated in the future changes nothing
    until its day comes; :func:`refresh_all` applies it then."""
    rating = current_rating(enterprise, today)
    colour = rating.colour if rating else ""
    since = rating.effective_from if rating else None
    if (enterprise.colour, enterprise.colour_since) != (colour, since):
        enterprise.colour, enterprise.colour_since = colour, since
        enterprise.save(update_fields=["colour", "colour_since", "updated_at"])
    return colour


def refresh_all(today=None) -> int:
    """The daily job: recompute the stored colour of every enterprise whose rating in
    force changed (a rating that starts today, or one that ended yesterday). Returns how
    many enterprises changed colour."""
    today = today or timezone.localdate()
    changed = 0
    rated = Enterprise.objects.filter(archived=False, ratings__isnull=False).distinct()
    with as_user(
        None, note=_("Rating in force on %(date)s") % {"date": date_format(today, "DATE_FORMAT")}
    ):
        for enterprise in rated.iterator():
            before = enterprise.colour
            if refresh_colour(enterprise, today) != before:
                changed += 1
    return changed


def on_rating_saved(rating):
    """Close the previous open-ended rating the day before this one starts; refresh colour."""
    if rating.decided_by_id is None and acting_user.get() is not None:
        Rating.objects.filter(pk=rating.pk).update(decided_by=acting_user.get())
    previous = (
        rating.enterprise.ratings.filter(
            archived=False, effective_from__lt=rating.effective_from, effective_to__isnull=True
        )
        .exclude(pk=rating.pk)
        .order_by("-effective_from")
    )
    for old in previous:
        old.effective_to = rating.effective_from - dt.timedelta(days=1)
        old.save(update_fields=["effective_to", "updated_at"])
    refresh_colour(rating.enterprise)


def record_rating(
    enterprise, colour, reason, user, effective_from=None, criteria=(), evidence=None
):
    with transaction.atomic(), as_user(user):
        rating = Rating.objects.create(
            enterprise=enterprise,
            colour=colour,
            reason=reason,
            decided_by=user,
            effective_from=effective_from or timezone.localdate(),
            evidence=evidence,
        )
        if criteria:
            rating.criteria.set(criteria)
    return rating


def raise_proposal(enterprise: Enterprise, trigger: str, source_key: str, details: str = ""):
    """Raise a downgrade proposal once per triggering event; returns (proposal, created)."""
    proposed = (
        RED if trigger == DowngradeProposal.FATAL_ACCIDENT else ONE_STEP_WORSE[enterprise.colour]
    )
    return DowngradeProposal.objects.get_or_create(
        source_key=source_key,
        defaults={
            "enterprise": enterprise,
            "trigger": trigger,
            "details": details,
            "current_colour": enterprise.colour,
            "proposed_colour": proposed,
        },
    )


def decide(proposal, user, confirm: bool, note: str = ""):
    """Confirm (records a rating with the proposed colour) or reject a pending proposal."""
    if proposal.status != DowngradeProposal.PENDING:
        raise ValueError(_("This proposal has already been decided."))
    with transaction.atomic(), as_user(user):
        proposal.status = DowngradeProposal.CONFIRMED if confirm else DowngradeProposal.REJECTED
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.decision_note = note
        proposal.save()
        if confirm:
            record_rating(
                proposal.enterprise,
                proposal.proposed_colour,
                f"{proposal.get_trigger_display()}：{proposal.details}\n{note}".strip(),
                user,
            )
    return proposal
