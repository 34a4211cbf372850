"""Business rules of public tip-offs (举报线索): filing one from the public form, receipt
codes, deadlines in working days, who may read the reporter's contact data, the hazard a
tip-off becomes, and the overdue reminders. The status changes themselves are rows of the
table in :mod:`accountability.services.workflow`.

Deadlines (working days, settings ``ACCOUNTABILITY_TIPOFF_DAYS``): accept within 1 working
day of filing, verify within 5 working days of acceptance, and reply within 15 working
days of filing. Each step's deadline is stored on the record (``deadline``) so that lists,
the dashboard and the daily scan filter on one column."""

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from notifications.notify import notify

from .. import evidence
from ..models import Hazard, Tipoff, TipoffPhoto
from ..models.tipoff import DEFAULT_DAYS, compute_deadlines, days, jurisdiction_for  # noqa: F401 (the rules of the record, re-exported)
from .audit import as_user
from .reminders import staff, stage
from .roles import DISTRICT, SUPERVISORS, has_role
from .scoping import user_scope, visible

# 31 characters: digits and capitals without 0/O, 1/I/L, so a code read out on the phone
# is not misheard. 12 of them carry about 59 bits: guessing is hopeless at any rate the
# lookup page allows (and it is rate-limited on top).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What the reporter typed, as stored: capitals, without the spaces and dashes of the
    printed groups (ABCD-EFGH-JKMN)."""
    return "".join(ch for ch in str(text or "").upper() if ch not in " -－—_\t")


def format_code(code: str) -> str:
    """Groups of four (ABCD-EFGH-JKMN): easier to read out and to copy by hand."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def digest(code: str) -> str:
    # A plain SHA-256 (no secret key) so that rotating SECRET_KEY never invalidates the
    # codes residents hold; with 59 bits of entropy an offline search is impractical, and
    # all a code reveals is a status and a reply without personal data.
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def find_by_code(text: str):
    """The tip-off with that receipt code, or None. The lookup is an indexed equality on
    the digest: no character-by-character comparison of the secret itself."""

    code = normalise_code(text)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return Tipoff.objects.filter(receipt_digest=digest(code), archived=False).first()


@transaction.atomic
def file_tipoff(data: dict, photos=()):
    """Create a tip-off from the cleaned public form; returns (tipoff, receipt code).

    ``photos`` are (file name, bytes) pairs already checked and re-encoded by the form;
    they go to the district's private evidence folder."""

    jurisdiction = jurisdiction_for(data["district"])
    if jurisdiction is None:
        raise ValueError("no jurisdiction: run manage.py setup_site")
    code = new_code()
    while Tipoff.objects.filter(receipt_digest=digest(code)).exists():
        code = new_code()
    fields = ("description", "address", "district", "enterprise_name", "latitude", "longitude",
              "contact_name", "contact_phone")  # fmt: skip
    tipoff = Tipoff(
        receipt_digest=digest(code),
        jurisdiction=jurisdiction,
        **{f: data[f] for f in fields if data.get(f) not in (None, "")},
    )
    with as_user(None, note=str(_("Filed through the public form")), name="公众举报"):
        tipoff.save()
        folder = evidence.folder_for(jurisdiction) if photos else None
        Document = get_document_model()
        for n, (name, content) in enumerate(photos, start=1):
            document = Document.objects.create(
                title=f"举报线索照片 {tipoff.reference}-{n}",
                file=ContentFile(content, name=name),
                collection=folder.collection,
            )
            TipoffPhoto.objects.create(tipoff=tipoff, document=document)
    transaction.on_commit(lambda: announce(tipoff))
    return tipoff, code


def handlers(tipoff, people=None):
    """The supervisors who handle ``tipoff``: those whose jurisdiction contains the
    handling district (its own and the city's), never departments or auditors."""

    path = tipoff.jurisdiction.path
    return [
        u
        for u, scope in (people if people is not None else staff())
        if not scope.department
        and scope.path is not None
        and (path == scope.path or path.startswith(scope.path + "/"))
        and has_role(u, SUPERVISORS)
    ]


def announce(tipoff) -> int:
    """Tell the handling supervisors that a report came in (the accept deadline is short)."""

    title = _("New public tip-off %(ref)s (%(district)s)") % {
        "ref": tipoff.reference,
        "district": tipoff.get_district_display(),
    }
    body = _("Accept by %(date)s.") % {"date": date_format(tipoff.deadline, "DATE_FORMAT")}
    url = reverse("accountability_tipoff:inspect", args=[tipoff.pk])
    key = f"accountability:tipoff:{tipoff.pk}:new"
    return len(notify(handlers(tipoff), title, body, url=url, key=key))


def may_see_contact(user, tipoff) -> bool:
    """Only the supervisors of the handling district (and of places below it) read the
    reporter's name and phone; the city, departments and auditors do not."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not has_role(user, (DISTRICT,)):
        return False
    scope = user_scope(user)
    if scope.nothing or scope.department:
        return False
    base = tipoff.jurisdiction.path
    return scope.path == base or scope.path.startswith(base + "/")


def register_hazard(tipoff, user, today):
    """立案为隐患: the hazard record at the verified enterprise, found today, with the
    verification findings; the first photo becomes its evidence as found. Runs inside the
    workflow step (same transaction, same acting user)."""

    first = tipoff.photos.select_related("document").first()
    title = " ".join(tipoff.description.split())[:60]
    hazard = Hazard(
        enterprise=tipoff.enterprise,
        title=_("Tip-off %(ref)s: %(text)s") % {"ref": tipoff.reference, "text": title},
        description=tipoff.findings,
        found_on=today,
        found_by=str(_("Public tip-off")),
        evidence_before=first.document if first else None,
    )
    hazard.title = hazard.title[:200]
    hazard.save()
    tipoff.hazard = hazard
    tipoff.save(update_fields=["hazard", "updated_at"])


def overdue(user, today=None):
    """Open tip-offs past the deadline of their current step that ``user`` may see."""

    return visible(user, Tipoff.objects.filter(archived=False)).overdue(today)


def scan_overdue(today=None) -> int:
    """Daily: tell the handling district's supervisors (and the city's) about tip-offs due
    today or overdue. One notification per tip-off, step and stage (reminders.stage)."""

    today = today or timezone.localdate()
    people = staff()
    sent = 0
    due = Tipoff.objects.filter(archived=False).open().filter(deadline__lte=today)
    for tipoff in due.select_related("jurisdiction"):
        marker = stage((tipoff.deadline - today).days, thresholds=())
        if marker is None:
            continue
        users = handlers(tipoff, people)
        values = {"ref": tipoff.reference, "status": tipoff.get_status_display()}
        title = (
            _("Tip-off %(ref)s (%(status)s) is due today") % values
            if marker == "due"
            else _("Tip-off %(ref)s (%(status)s) is overdue") % values
        )
        body = _("Deadline: %(date)s") % {"date": date_format(tipoff.deadline, "DATE_FORMAT")}
        url = reverse("accountability_tipoff:inspect", args=[tipoff.pk])
        key = f"accountability:tipoff:{tipoff.pk}:{tipoff.status}:{marker}"
        sent += len(notify(users, title, body, url=url, key=key))
    return sent


def not_found_message():
    # The same answer for a mistyped, an unknown and an archived code: it tells a guesser
    # nothing about which codes exist.
    return _("No report matches this receipt code. Check the code and try again.")


def public_view(tipoff) -> dict:
    """What the reporter sees for their code: a status in plain words, the dates of the
    steps taken, the reply deadline and the reply. No text of the report, no contact
    data, no staff names, no enterprise or hazard data."""
    T = type(tipoff)
    labels = {
        T.RECEIVED: _("Received, to be accepted"),
        T.ACCEPTED: _("Accepted, being verified"),
        T.VERIFIED: _("Accepted, being verified"),
        T.REGISTERED: _("Verified and registered as a hazard; a reply follows"),
        T.DISMISSED: _("Verified, not registered; a reply follows"),
        T.REPLIED: _("Replied"),
    }
    steps = [
        (_("Received on"), tipoff.received_on),
        (_("Accepted on"), tipoff.accepted_on),
        (_("Verified on"), tipoff.verified_on),
        (_("Decided on"), tipoff.decided_on),
        (_("Replied on"), tipoff.replied_on),
    ]
    return {
        "status": labels[tipoff.status],
        "district": tipoff.get_district_display(),
        "steps": [(label, day) for label, day in steps if day],
        "reply_due_on": tipoff.reply_due_on if tipoff.status != T.REPLIED else None,
        "reply": tipoff.public_reply if tipoff.status == T.REPLIED else "",
    }
