"""Documents about one record: enterprise dossier, interview notice and minutes,
listed-supervision notice."""

import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.registry import ReportKind

from ..creditcode import credit_code_error, normalise
from ..models import (
    Assessment,
    Enterprise,
    Interview,
    ResponsibilityList,
    SupervisionCase,
)
from ..services import fulfilment
from .common import (
    colour_label,
    deny_unless_visible,
    district_name,
    get_record,
    record_dict,
    scoped,
)


class EnterprisePicker(forms.TextInput):
    """A text box that suggests the user's enterprises as they type a name or a code
    (an HTML datalist: the browser filters it, no script needed). Each suggestion reads
    ``name（code）``; :func:`picked_code` takes the code back out."""

    def __init__(self, choices, attrs=None):
        super().__init__(
            attrs={"list": "enterprise-choices", "autocomplete": "off", **(attrs or {})}
        )
        self.choices = choices

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}（{}）"></option>', ((n, c) for n, c in self.choices)
        )
        return format_html('{}<datalist id="enterprise-choices">{}</datalist>', box, options)


CODE_IN_TEXT = re.compile(r"[0-9A-Z]{18}")


def picked_code(value) -> str:
    """The credit code in what the picker sent: ``name（code）``, a bare code, or an exact
    enterprise name."""
    text = normalise(value)
    found = CODE_IN_TEXT.search(text)
    if found:
        return found.group(0)
    named = Enterprise.objects.filter(name=(value or "").strip(), archived=False)
    return named.values_list("credit_code", flat=True).first() or text


def _not_found(code):
    # One answer for "no such code" and "not in your jurisdiction": a different message
    # would tell a district user which codes exist elsewhere.
    return _("No enterprise has the credit code %(code)s.") % {"code": code}


class EnterpriseDossier(ReportKind):
    name = "enterprise"
    label = gettext_lazy("Enterprise dossier")
    description = gettext_lazy(
        "Profile, rating history, responsibility lists, interviews, supervision cases and "
        "hazards of one enterprise."
    )
    template = "accountability/reports/enterprise_dossier.html"
    permission = "accountability.view_enterprise"

    def reference_code(self):
        return "档"

    def add_arguments(self, parser):
        parser.add_argument("credit_code", help="Unified social credit code (18 characters).")

    def form_fields(self, user):
        choices = scoped(user, Enterprise.objects.filter(archived=False)).order_by("name")
        return {
            "credit_code": forms.CharField(
                label=_("Enterprise"),
                help_text=_("Type part of the name or the credit code and pick the enterprise."),
                widget=EnterprisePicker(choices.values_list("name", "credit_code")),
            )
        }

    def clean_params(self, params):
        code = picked_code(params.get("credit_code"))
        error = credit_code_error(code)
        if error:
            raise ValueError(str(error))
        if not Enterprise.objects.filter(credit_code=code, archived=False).exists():
            raise ValueError(_not_found(code))
        return {"credit_code": code}

    def check_access(self, params, user):
        code = params["credit_code"]
        deny_unless_visible(user, Enterprise.objects.get(credit_code=code), _not_found(code))

    def title(self, params):
        e = Enterprise.objects.filter(credit_code=params.get("credit_code")).first()
        return _("Safety supervision dossier of %(name)s") % {"name": e.name} if e else self.label

    def filename(self, params):
        return f"dossier-{params['credit_code']}.pdf"

    def issuer_area(self, params):
        e = Enterprise.objects.filter(credit_code=params.get("credit_code")).first()
        return district_name(e.jurisdiction) if e else ""

    def context(self, params, user, progress):
        e = (
            Enterprise.objects.select_related("industry", "jurisdiction__parent")
            .filter(credit_code=params["credit_code"], archived=False)
            .first()
        )
        if e is None:  # archived since the report was requested
            raise ValueError(_not_found(params["credit_code"]))
        deny_unless_visible(user, e, _not_found(params["credit_code"]))
        progress(0.2)
        interviews = e.interviews.filter(archived=False).prefetch_related(
            "commitments", "follow_ups"
        )
        lists = ResponsibilityList.objects.filter(enterprise=e, archived=False)
        progress(0.6)
        return {
            "e": e,
            "colour_label": colour_label(e.colour),
            "ratings": e.ratings.filter(archived=False).prefetch_related("criteria"),
            "responsibility_lists": lists.prefetch_related(fulfilment.prefetch_active_duties()),
            "interviews": interviews,
            "cases": e.supervision_cases.filter(archived=False).select_related("hazard"),
            "hazards": e.hazards.filter(archived=False),
            "assessments": Assessment.objects.filter(enterprise=e, archived=False).prefetch_related(
                "veto_items"
            ),
            "proposals": e.downgrade_proposals.filter(archived=False),
            "district": district_name(e.jurisdiction),
            "today": timezone.localdate(),
        }


class _InterviewDocument(ReportKind):
    permission = "accountability.view_interview"
    official_document = True
    addressed = False

    def interview(self, params):
        return Interview.objects.select_related("enterprise__jurisdiction").get(
            pk=params["interview"]
        )

    def issuer_area(self, params):
        return district_name(self.interview(params).enterprise.jurisdiction)

    def snapshot(self, params):
        i = self.interview(params)
        return {
            "interview": record_dict(i, exclude=["report_document", "created_by"]),
            "enterprise": {"name": i.enterprise.name, "credit_code": i.enterprise.credit_code},
            "commitments": [
                record_dict(c, fields=["content", "deadline", "fulfilled_on"])
                for c in i.commitments.filter(archived=False)
            ],
            "follow_ups": [
                record_dict(f, fields=["checked_on", "checked_by", "findings", "satisfactory"])
                for f in i.follow_ups.filter(archived=False)
            ],
        }

    def add_arguments(self, parser):
        parser.add_argument("interview", help="Id of the interview.")

    def form_fields(self, user):
        recent = scoped(user, Interview.objects.filter(archived=False)).select_related(
            "enterprise"
        )[:300]
        choices = [(str(i.pk), f"{i.enterprise.name}（{i.held_on:%Y-%m-%d}）") for i in recent]
        return {"interview": forms.ChoiceField(label=_("Interview"), choices=choices)}

    def clean_params(self, params):
        i = get_record(Interview, params.get("interview"), _("There is no interview %(value)s."))
        return {"interview": i.pk}

    def check_access(self, params, user):
        message = _("There is no interview %(value)s.") % {"value": params["interview"]}
        deny_unless_visible(user, Interview.objects.get(pk=params["interview"]), message)

    def title(self, params):
        i = Interview.objects.select_related("enterprise").filter(pk=params.get("interview"))
        i = i.first()
        return f"{i.enterprise.name}{self.label}" if i else str(self.label)

    def filename(self, params):
        return f"{self.name}-{params['interview']}.pdf"

    def context(self, params, user, progress):
        i = get_record(Interview, params["interview"], _("There is no interview %(value)s."))
        deny_unless_visible(user, i)
        return {
            "i": i,
            "e": i.enterprise,
            "working_days": settings.ACCOUNTABILITY_REPORT_WORKING_DAYS,
            "commitments": i.commitments.filter(archived=False),
            "follow_ups": i.follow_ups.filter(archived=False),
            # A notice is addressed to the unit (主送); minutes are a record, not a letter.
            "addressee": i.enterprise.name if self.addressed else "",
        }


class InterviewNotice(_InterviewDocument):
    name = "interview-notice"
    label = gettext_lazy("Warning interview notice")
    description = gettext_lazy("The notice sent to a unit before a warning interview.")
    template = "accountability/reports/interview_notice.html"
    addressed = True

    def reference_code(self):
        return "约"

    def document_date(self, params):
        """The notice goes out when the interview is decided (the record is made), and
        never after the meeting it announces."""
        i = self.interview(params)
        decided = timezone.localtime(i.created_at).date() if i.created_at else i.held_on
        return min(decided, i.held_on)


class InterviewMinutes(_InterviewDocument):
    name = "interview-minutes"
    label = gettext_lazy("Warning interview minutes")
    description = gettext_lazy("Minutes of a warning interview with the unit's commitments.")
    template = "accountability/reports/interview_minutes.html"

    def reference_code(self):
        return "纪"

    def document_date(self, params):
        return self.interview(params).held_on


def case_subject(case) -> str:
    """What is supervised, without a trailing （挂牌督办）: the notice says 挂牌督办 once."""
    return re.sub(r"[（(]?挂牌督办[）)]?", "", case.title).strip() or case.title


class SupervisionNotice(ReportKind):
    name = "supervision-notice"
    label = gettext_lazy("Listed supervision notice")
    description = gettext_lazy("The notice placing a major hazard under listed supervision.")
    template = "accountability/reports/supervision_notice.html"
    permission = "accountability.view_supervisioncase"
    official_document = True

    def reference_code(self):
        return "督"

    def case(self, params):
        return SupervisionCase.objects.select_related("enterprise__jurisdiction", "hazard").get(
            pk=params["case"]
        )

    def issuer_area(self, params):
        return district_name(self.case(params).enterprise.jurisdiction)

    def document_date(self, params):
        return self.case(params).listed_on

    def issued(self, params, number):
        # The case is known by the number of its notice (lists, dossier, public page).
        SupervisionCase.objects.filter(pk=params["case"]).update(notice_number=number)

    def snapshot(self, params):
        c = self.case(params)
        return {
            "case": record_dict(c),
            "enterprise": {"name": c.enterprise.name, "credit_code": c.enterprise.credit_code},
            "hazard": record_dict(c.hazard, exclude=["evidence_before", "evidence_after"])
            if c.hazard
            else None,
        }

    def add_arguments(self, parser):
        parser.add_argument("case", help="Id of the supervision case.")

    def form_fields(self, user):
        cases = scoped(user, SupervisionCase.objects.filter(archived=False))[:300]
        choices = [(str(c.pk), f"{c.notice_number} {c.title}") for c in cases]
        return {"case": forms.ChoiceField(label=_("Supervision case"), choices=choices)}

    def clean_params(self, params):
        c = get_record(
            SupervisionCase, params.get("case"), _("There is no supervision case %(value)s.")
        )
        return {"case": c.pk}

    def check_access(self, params, user):
        message = _("There is no supervision case %(value)s.") % {"value": params["case"]}
        deny_unless_visible(user, SupervisionCase.objects.get(pk=params["case"]), message)

    def title(self, params):
        c = SupervisionCase.objects.select_related("enterprise").filter(pk=params.get("case"))
        c = c.first()
        if c is None:
            return self.label
        subject = case_subject(c)
        return _("Notice on placing “%(subject)s” of %(enterprise)s under listed supervision") % {
            "subject": subject,
            "enterprise": c.enterprise.name,
        }

    def filename(self, params):
        return f"supervision-notice-{params['case']}.pdf"

    def context(self, params, user, progress):
        c = get_record(
            SupervisionCase, params["case"], _("There is no supervision case %(value)s.")
        )
        deny_unless_visible(user, c)
        return {
            "c": c,
            "e": c.enterprise,
            "addressee": c.enterprise.name,
            "subject": case_subject(c),
        }
