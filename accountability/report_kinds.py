"""PDF reports of the accountability tracker (built by the reports pipeline).

Every kind filters its data with the accountability scoping service, so a district
supervisor's report only contains that district; from the command line (no user) the
whole city is included. Templates: ``accountability/reports/*.html``.
"""

import datetime as dt
from collections import Counter

from django import forms
from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.charts import COLOURS as CHART_COLOURS
from reports.charts import bar_chart, line_chart
from reports.registry import ReportKind

from .creditcode import credit_code_error, normalise
from .models import (
    BLUE,
    RED,
    YELLOW,
    Assessment,
    Enterprise,
    Hazard,
    Interview,
    Jurisdiction,
    ResponsibilityList,
    StaffProfile,
    SupervisionCase,
    VetoItem,
)
from .services.scoping import can_see, user_scope, visible

COLOURS = (RED, YELLOW, BLUE)
APPENDIX_CHUNK = 200


def scoped(user, queryset):
    """What ``user`` may see; everything from the command line or a schedule (None)."""
    return queryset if user is None else visible(user, queryset)


def _deny_unless_visible(user, obj):
    if user is not None and not can_see(user, obj):
        raise ValueError(_("You may not see the data of this report."))


def _object(model, value, message):
    text = str(value or "").strip()
    obj = model.objects.filter(pk=int(text), archived=False).first() if text.isdigit() else None
    if obj is None:
        raise ValueError(message % {"value": text})
    return obj


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValueError(_("Enter a year, e.g. 2026.")) from None
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValueError(_("The year %(year)s is out of range.") % {"year": year})
    return year


def _district(name) -> Jurisdiction | None:
    name = str(name or "").strip()
    if not name:
        return None
    found = Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT, name=name, archived=False)
    district = found.first()
    if district is None:
        raise ValueError(_("There is no district or county named “%(name)s”.") % {"name": name})
    return district


def _sees_whole_city(user) -> bool:
    scope = user_scope(user) if user is not None else None
    return scope is None or scope.everything or "/" not in (scope.enterprise_path or "/")


def _district_choices(user):
    """Staff of one district choose among their own district(s); "the whole city" is
    offered only to users who may see the whole city."""
    districts = scoped(user, Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT))
    whole = [("", _("The whole city"))] if _sees_whole_city(user) else []
    return whole + [(d.name, d.name) for d in districts]


def _year_field():
    return forms.IntegerField(
        label=_("Year"), initial=timezone.localdate().year, min_value=2000, max_value=2100
    )


def colour_label(code) -> str:
    return {RED: _("Red"), YELLOW: _("Yellow"), BLUE: _("Blue")}.get(code, _("Not rated"))


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
        return {"credit_code": forms.CharField(label=_("Unified social credit code"))}

    def clean_params(self, params):
        code = normalise(params.get("credit_code"))
        error = credit_code_error(code)
        if error:
            raise ValueError(str(error))
        if not Enterprise.objects.filter(credit_code=code, archived=False).exists():
            raise ValueError(_("No enterprise has the credit code %(code)s.") % {"code": code})
        return {"credit_code": code}

    def check_access(self, params, user):
        _deny_unless_visible(user, Enterprise.objects.get(credit_code=params["credit_code"]))

    def title(self, params):
        e = Enterprise.objects.filter(credit_code=params.get("credit_code")).first()
        return _("Safety supervision dossier of %(name)s") % {"name": e.name} if e else self.label

    def filename(self, params):
        return f"dossier-{params['credit_code']}.pdf"

    def context(self, params, user, progress):
        e = Enterprise.objects.select_related("industry", "jurisdiction__parent").get(
            credit_code=params["credit_code"]
        )
        _deny_unless_visible(user, e)
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
            "responsibility_lists": lists.prefetch_related("duties"),
            "interviews": interviews,
            "cases": e.supervision_cases.filter(archived=False).select_related("hazard"),
            "hazards": e.hazards.filter(archived=False),
            "assessments": Assessment.objects.filter(enterprise=e, archived=False).prefetch_related(
                "veto_items"
            ),
            "proposals": e.downgrade_proposals.filter(archived=False),
            "today": timezone.localdate(),
        }


class _InterviewDocument(ReportKind):
    permission = "accountability.view_interview"

    def add_arguments(self, parser):
        parser.add_argument("interview", help="Id of the interview.")

    def form_fields(self, user):
        recent = scoped(user, Interview.objects.filter(archived=False)).select_related(
            "enterprise"
        )[:300]
        choices = [(str(i.pk), f"{i.enterprise.name}（{i.held_on:%Y-%m-%d}）") for i in recent]
        return {"interview": forms.ChoiceField(label=_("Interview"), choices=choices)}

    def clean_params(self, params):
        i = _object(Interview, params.get("interview"), _("There is no interview %(value)s."))
        return {"interview": i.pk}

    def check_access(self, params, user):
        _deny_unless_visible(user, Interview.objects.get(pk=params["interview"]))

    def title(self, params):
        i = Interview.objects.select_related("enterprise").filter(pk=params.get("interview"))
        i = i.first()
        return f"{i.enterprise.name}{self.label}" if i else str(self.label)

    def filename(self, params):
        return f"{self.name}-{params['interview']}.pdf"

    def context(self, params, user, progress):
        i = Interview.objects.select_related("enterprise__jurisdiction").get(pk=params["interview"])
        _deny_unless_visible(user, i)
        return {
            "i": i,
            "e": i.enterprise,
            "working_days": settings.ACCOUNTABILITY_REPORT_WORKING_DAYS,
            "commitments": i.commitments.filter(archived=False),
            "follow_ups": i.follow_ups.filter(archived=False),
        }


class InterviewNotice(_InterviewDocument):
    name = "interview-notice"
    label = gettext_lazy("Warning interview notice")
    description = gettext_lazy("The notice sent to a unit before a warning interview.")
    template = "accountability/reports/interview_notice.html"

    def reference_code(self):
        return "约"


class InterviewMinutes(_InterviewDocument):
    name = "interview-minutes"
    label = gettext_lazy("Warning interview minutes")
    description = gettext_lazy("Minutes of a warning interview with the unit's commitments.")
    template = "accountability/reports/interview_minutes.html"

    def reference_code(self):
        return "纪"


class SupervisionNotice(ReportKind):
    name = "supervision-notice"
    label = gettext_lazy("Listed supervision notice")
    description = gettext_lazy("The notice placing a major hazard under listed supervision.")
    template = "accountability/reports/supervision_notice.html"
    permission = "accountability.view_supervisioncase"

    def add_arguments(self, parser):
        parser.add_argument("case", help="Id of the supervision case.")

    def form_fields(self, user):
        cases = scoped(user, SupervisionCase.objects.filter(archived=False))[:300]
        choices = [(str(c.pk), f"{c.notice_number} {c.title}") for c in cases]
        return {"case": forms.ChoiceField(label=_("Supervision case"), choices=choices)}

    def clean_params(self, params):
        c = _object(
            SupervisionCase, params.get("case"), _("There is no supervision case %(value)s.")
        )
        return {"case": c.pk}

    def check_access(self, params, user):
        _deny_unless_visible(user, SupervisionCase.objects.get(pk=params["case"]))

    def title(self, params):
        c = SupervisionCase.objects.filter(pk=params.get("case")).first()
        return _("Listed supervision notice: %(title)s") % {"title": c.title} if c else self.label

    def filename(self, params):
        return f"supervision-notice-{params['case']}.pdf"

    def context(self, params, user, progress):
        c = SupervisionCase.objects.select_related("enterprise__jurisdiction", "hazard").get(
            pk=params["case"]
        )
        _deny_unless_visible(user, c)
        return {"c": c, "e": c.enterprise, "document_number": c.notice_number}


class _YearReport(ReportKind):
    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Year, e.g. 2026.")
        parser.add_argument("--district", default="", help="District or county name.")

    def form_fields(self, user):
        return {
            "year": _year_field(),
            "district": forms.ChoiceField(
                label=_("District/county"), choices=_district_choices(user), required=False
            ),
        }

    def clean_params(self, params):
        district = _district(params.get("district"))
        return {"year": _year(params.get("year")), "district": district.name if district else ""}

    def check_access(self, params, user):
        district = _district(params.get("district"))
        if district is not None:
            _deny_unless_visible(user, district)
        elif not _sees_whole_city(user):
            raise ValueError(_("Choose your district: you may not see the whole city."))

    def area(self, params):
        return params.get("district") or _("the whole city")

    def filename(self, params):
        return f"{self.name}-{params['year']}.pdf"

    def enterprises(self, params, user):
        qs = scoped(user, Enterprise.objects.filter(archived=False))
        district = _district(params.get("district"))
        if district is not None:
            qs = qs.filter(
                Q(jurisdiction__path=district.path)
                | Q(jurisdiction__path__startswith=district.path + "/")
            )
        return qs


class PeriodSummary(_YearReport):
    name = "summary"
    label = gettext_lazy("Period summary")
    description = gettext_lazy(
        "Counts by colour, industry and district, overdue items, closed cases and monthly "
        "trends for one year, with the enterprise register as an appendix."
    )
    template = "accountability/reports/summary.html"
    permission = "accountability.view_enterprise"

    def reference_code(self):
        return "综"

    def title(self, params):
        return _("%(year)s safety supervision summary for %(area)s") % {
            "year": params.get("year"),
            "area": self.area(params),
        }

    def scheduled_runs(self, frequency, today):
        """Every week, each district's supervisors get their district's summary."""
        if frequency != "weekly":
            return []
        runs = []
        week = today.isocalendar()
        for d in Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT, archived=False):
            staff = StaffProfile.objects.filter(
                jurisdiction=d, archived=False, user__is_active=True
            )
            users = [p.user for p in staff.select_related("user")]
            if users:
                runs.append(
                    {
                        "params": {"year": today.year, "district": d.name},
                        "recipients": users,
                        "key": f"{d.pk}:{week[0]}-W{week[1]:02d}",
                    }
                )
        return runs

    def context(self, params, user, progress):
        year, today = params["year"], timezone.localdate()
        ents = self.enterprises(params, user)
        total = ents.count()
        colours = dict(ents.values_list("colour").annotate(n=Count("pk")))
        colour_rows = [(colour_label(c), colours.get(c, 0)) for c in (*COLOURS, "")]
        colour_chart = bar_chart(
            colour_rows[:3],
            _("Enterprises by listing colour"),
            colours={colour_label(c): CHART_COLOURS[c] for c in COLOURS},
        )
        progress(0.1)
        by_industry = {}
        for name, colour, n in ents.values_list("industry__name", "colour").annotate(n=Count("pk")):
            by_industry.setdefault(name, Counter())[colour] += n
        industry_rows = [
            [name, *(c[k] for k in COLOURS), sum(c.values())]
            for name, c in sorted(by_industry.items())
        ]
        progress(0.2)
        hazards = Hazard.objects.filter(enterprise__in=ents, archived=False)
        cases = SupervisionCase.objects.filter(enterprise__in=ents, archived=False)
        interviews = Interview.objects.filter(enterprise__in=ents, archived=False)
        districts = {}
        district_of = {}
        for j in Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT):
            district_of[j.path] = j.name
        for path, colour, n in ents.values_list("jurisdiction__path", "colour").annotate(
            n=Count("pk")
        ):
            name = district_of.get("/".join(path.split("/")[:2]), _("Directly under the city"))
            row = districts.setdefault(name, Counter())
            row[colour] += n
        for label, qs in (("hazards", hazards.open()), ("overdue", hazards.overdue(today))):
            for path, n in qs.values_list("enterprise__jurisdiction__path").annotate(n=Count("pk")):
                name = district_of.get("/".join(path.split("/")[:2]), _("Directly under the city"))
                districts.setdefault(name, Counter())[label] += n
        district_rows = [
            [
                name,
                *(c[k] for k in COLOURS),
                sum(c[k] for k in (*COLOURS, "")),
                c["hazards"],
                c["overdue"],
            ]
            for name, c in sorted(districts.items())
        ]
        progress(0.35)
        in_year = {"found_on__year": year}
        months = list(range(1, 13))
        found = Counter(
            dict(hazards.filter(**in_year).values_list("found_on__month").annotate(n=Count("pk")))
        )
        closed = Counter(
            dict(
                hazards.filter(closed_on__year=year)
                .values_list("closed_on__month")
                .annotate(n=Count("pk"))
            )
        )
        held = Counter(
            dict(
                interviews.filter(held_on__year=year)
                .values_list("held_on__month")
                .annotate(n=Count("pk"))
            )
        )
        trend_chart = line_chart(
            [f"{m}月" for m in months],
            [
                (_("Hazards found"), [found[m] for m in months]),
                (_("Hazards closed"), [closed[m] for m in months]),
                (_("Interviews held"), [held[m] for m in months]),
            ],
            _("Monthly trend"),
        )
        progress(0.5)
        overdue_hazards = hazards.overdue(today).select_related("enterprise").order_by("deadline")
        overdue_cases = cases.overdue(today).select_related("enterprise").order_by("deadline")
        closed_cases = cases.filter(closed_on__year=year).select_related("enterprise")
        register = []
        open_by_enterprise = dict(
            hazards.open().values_list("enterprise_id").annotate(n=Count("pk"))
        )
        rows = ents.select_related("industry", "jurisdiction").order_by(
            "jurisdiction__path", "name"
        )
        for index, e in enumerate(rows.iterator(chunk_size=APPENDIX_CHUNK)):
            register.append((e, colour_label(e.colour), open_by_enterprise.get(e.pk, 0)))
            if index % APPENDIX_CHUNK == 0 and total:
                progress(0.5 + 0.5 * index / total)
        return {
            "year": year,
            "area": self.area(params),
            "total": total,
            "colour_rows": colour_rows,
            "colour_chart": colour_chart,
            "industry_rows": industry_rows,
            "district_rows": district_rows,
            "trend_chart": trend_chart,
            "counts": {
                "hazards_found": sum(found.values()),
                "hazards_closed": sum(closed.values()),
                "interviews": sum(held.values()),
                "cases_listed": cases.filter(listed_on__year=year).count(),
                "cases_closed": closed_cases.count(),
                "overdue_hazards": overdue_hazards.count(),
                "overdue_cases": overdue_cases.count(),
            },
            "overdue_hazards": overdue_hazards[:100],
            "overdue_cases": overdue_cases[:100],
            "closed_cases": closed_cases[:100],
            "register": register,
            "today": today,
            "scope_note": (
                _("Only enterprises of the industries your department supervises are counted.")
                if user is not None and user_scope(user).department
                else ""
            ),
        }


class AssessmentLedger(_YearReport):
    name = "assessment-ledger"
    label = gettext_lazy("Annual assessment ledger")
    description = gettext_lazy("Scores and outcomes of one year's assessments, with vetoes.")
    template = "accountability/reports/assessment_ledger.html"
    permission = "accountability.view_assessment"

    def reference_code(self):
        return "考"

    def title(self, params):
        return _("%(year)s safety assessment ledger for %(area)s") % {
            "year": params.get("year"),
            "area": self.area(params),
        }

    def context(self, params, user, progress):
        year = params["year"]
        qs = scoped(user, Assessment.objects.filter(year=year, archived=False))
        district = _district(params.get("district"))
        if district is not None:
            under = district.path + "/"
            qs = qs.filter(
                Q(jurisdiction__path=district.path)
                | Q(jurisdiction__path__startswith=under)
                | Q(enterprise__jurisdiction__path=district.path)
                | Q(enterprise__jurisdiction__path__startswith=under)
            )
        vetoes = VetoItem.objects.filter(archived=False)
        rows = list(
            qs.select_related("jurisdiction", "enterprise").prefetch_related(
                Prefetch("veto_items", queryset=vetoes)
            )
        )
        progress(0.6)
        outcomes = Counter(a.outcome for a in rows)
        order = ["excellent", "good", "pass", "fail", "vetoed"]
        return {
            "year": year,
            "area": self.area(params),
            "assessments": rows,
            "vetoed": [a for a in rows if a.outcome == "vetoed"],
            "outcome_rows": [(Assessment.OUTCOME_LABELS[o], outcomes[o]) for o in order],
            "outcome_chart": bar_chart(
                [(str(Assessment.OUTCOME_LABELS[o]), outcomes[o]) for o in order],
                _("Assessment outcomes"),
                colours={str(Assessment.OUTCOME_LABELS["vetoed"]): CHART_COLOURS[RED]},
            ),
            "generated_on": dt.date.today(),
        }
