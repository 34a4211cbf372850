"""Reports over a year and an area: period summary and assessment ledger."""

from collections import Counter

from django import forms
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.charts import COLOURS as CHART_COLOURS
from portal.core.charts import bar_chart, line_chart
from reports.registry import ReportKind

from ..models import (
    RED,
    Assessment,
    Enterprise,
    Hazard,
    Interview,
    Jurisdiction,
    StaffProfile,
    SupervisionCase,
    VetoItem,
)
from ..services.scoping import user_scope
from .asof import as_of_date, colours_at, open_at, overdue_at
from .common import (
    APPENDIX_CHUNK,
    COLOURS,
    colour_label,
    deny_unless_visible,
    district_choices,
    get_district,
    parse_year,
    scoped,
    sees_whole_city,
    year_field,
)


class _YearReport(ReportKind):
    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="Year, e.g. 2026.")
        parser.add_argument("--district", default="", help="District or county name.")

    def form_fields(self, user):
        return {
            "year": year_field(),
            "district": forms.ChoiceField(
                label=_("District/county"), choices=district_choices(user), required=False
            ),
        }

    def clean_params(self, params):
        district = get_district(params.get("district"))
        return {
            "year": parse_year(params.get("year")),
            "district": district.name if district else "",
        }

    def check_access(self, params, user):
        district = get_district(params.get("district"))
        if district is not None:
            deny_unless_visible(user, district)
        elif not sees_whole_city(user):
            raise ValueError(_("Choose your district: you may not see the whole city."))

    def area(self, params):
        return params.get("district") or _("the whole city")

    def issuer_area(self, params):
        return params.get("district") or ""

    def filename(self, params):
        return f"{self.name}-{params['year']}.pdf"

    def enterprises(self, params, user):
        qs = scoped(user, Enterprise.objects.filter(archived=False))
        district = get_district(params.get("district"))
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

    def as_of(self, params):
        return as_of_date(params["year"])

    def context(self, params, user, progress):
        year, today = params["year"], timezone.localdate()
        day = as_of_date(year, today)
        ents = self.enterprises(params, user)
        rows = list(
            ents.select_related("industry", "jurisdiction").order_by("jurisdiction__path", "name")
        )
        total = len(rows)
        colour_of = colours_at(ents, day, today)
        district_of = {
            j.path: j.name for j in Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT)
        }

        def district(path):
            return district_of.get("/".join(path.split("/")[:2]), _("Directly under the city"))

        colours = Counter(colour_of.get(e.pk, "") for e in rows)
        colour_rows = [(colour_label(c), colours.get(c, 0)) for c in (*COLOURS, "")]
        colour_chart = bar_chart(
            colour_rows[:3],
            _("Enterprises by listing colour"),
            colours={colour_label(c): CHART_COLOURS[c] for c in COLOURS},
            heading=True,
        )
        progress(0.1)
        by_industry, districts = {}, {}
        for e in rows:
            by_industry.setdefault(e.industry.name, Counter())[colour_of.get(e.pk, "")] += 1
            districts.setdefault(district(e.jurisdiction.path), Counter())[
                colour_of.get(e.pk, "")
            ] += 1
        industry_rows = [
            [name, *(c[k] for k in COLOURS), sum(c.values())]
            for name, c in sorted(by_industry.items())
        ]
        progress(0.2)
        hazards = Hazard.objects.filter(enterprise__in=ents, archived=False)
        cases = SupervisionCase.objects.filter(enterprise__in=ents, archived=False)
        interviews = Interview.objects.filter(enterprise__in=ents, archived=False)
        open_hazards = open_at(hazards, day, "found_on", today)
        overdue_hazards = overdue_at(hazards, day, "found_on", today)
        for label, qs in (("hazards", open_hazards), ("overdue", overdue_hazards)):
            for path, n in qs.values_list("enterprise__jurisdiction__path").annotate(n=Count("pk")):
                districts.setdefault(district(path), Counter())[label] += n
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
        months = list(range(1, 13))

        def monthly(qs, field):
            qs = qs.filter(**{f"{field}__year": year, f"{field}__lte": day})
            return Counter(dict(qs.values_list(f"{field}__month").annotate(n=Count("pk"))))

        found = monthly(hazards, "found_on")
        closed = monthly(hazards, "closed_on")
        held = monthly(interviews, "held_on")
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
        overdue_hazards = overdue_hazards.select_related("enterprise").order_by("deadline")
        overdue_cases = (
            overdue_at(cases, day, "listed_on", today)
            .select_related("enterprise")
            .order_by("deadline")
        )
        closed_cases = cases.filter(closed_on__year=year, closed_on__lte=day).select_related(
            "enterprise"
        )
        open_by_enterprise = dict(open_hazards.values_list("enterprise_id").annotate(n=Count("pk")))
        register = []
        for index, e in enumerate(rows):
            register.append(
                (
                    e,
                    colour_label(colour_of.get(e.pk, "")),
                    district(e.jurisdiction.path),
                    open_by_enterprise.get(e.pk, 0),
                )
            )
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
                "cases_listed": cases.filter(listed_on__year=year, listed_on__lte=day).count(),
                "cases_closed": closed_cases.count(),
                "overdue_hazards": overdue_hazards.count(),
                "overdue_cases": overdue_cases.count(),
            },
            "overdue_hazards": overdue_hazards[:100],
            "overdue_cases": overdue_cases[:100],
            "closed_cases": closed_cases[:100],
            "register": register,
            "today": today,
            "as_of": day,
            "past_year": day < today,
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

    def as_of(self, params):
        return as_of_date(params["year"])

    def context(self, params, user, progress):
        year = params["year"]
        qs = scoped(user, Assessment.objects.filter(year=year, archived=False))
        district = get_district(params.get("district"))
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
                heading=True,
            ),
        }
