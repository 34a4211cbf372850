"""The admin viewsets, grouped under one "安全责任" menu."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup

from .. import models as m
from . import responsibility as resp
from .audit import AuditInspectView
from .base import InspectView, ScopedViewSet, with_urls
from .changes import AssessmentEditView, ChangeRequestViewSet, controlled_edit_handler
from .filters import (
    EnterpriseFilterSet,
    HazardFilterSet,
    InterviewFilterSet,
    ProposalFilterSet,
    SupervisionFilterSet,
)
from .tipoffs import TipoffViewSet
from .workflow import ProposalEditView, WorkflowEditView


class OverdueColumn(Column):
    """Shows “已逾期” for overdue rows and nothing otherwise (a tick would read as “fine”)."""

    def get_value(self, instance):
        return _("Overdue") if super().get_value(instance) else ""


class EnterpriseInspectView(InspectView):
    """Enterprise details with its rating history and open cases."""

    template_name = "accountability/admin/enterprise_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        e = self.object
        context["ratings"] = e.ratings.filter(archived=False).select_related("decided_by")
        user = self.request.user
        context["hazards"] = with_urls(user, e.hazards.filter(archived=False).open())
        context["cases"] = with_urls(user, e.supervision_cases.filter(archived=False).open())
        context["interviews"] = with_urls(
            user, e.interviews.filter(archived=False).exclude(status=m.Interview.CLOSED)
        )
        return context


class EnterpriseViewSet(ScopedViewSet):
    model = m.Enterprise
    icon = "site"
    menu_label = _("Enterprises")
    filterset_class = EnterpriseFilterSet
    search_fields = ["name", "credit_code", "address", "principal"]
    list_display = [
        "name",
        "credit_code",
        "industry",
        "jurisdiction",
        "colour",
        "next_inspection_on",
        OverdueColumn("inspection_overdue", label=_("Inspection overdue")),
    ]
    list_export = [
        "name",
        "credit_code",
        "industry",
        "jurisdiction",
        "address",
        "legal_representative",
        "principal",
        "phone",
        "safety_contact",
        "standardisation_level",
        "risk_level",
        "colour",
        "last_inspected_on",
        "next_inspection_on",
    ]
    export_headings = {
        "name": "企业名称",
        "credit_code": "统一社会信用代码",
        "industry": "行业",
        "jurisdiction": "所属区县",
        "address": "地址",
        "legal_representative": "法定代表人",
        "principal": "主要负责人",
        "phone": "联系电话",
        "safety_contact": "安全管理人员",
        "standardisation_level": "标准化等级",
        "risk_level": "风险等级",
        "colour": "挂牌颜色",
        "last_inspected_on": "上次检查",
        "next_inspection_on": "下次检查",
    }
    export_filename = "enterprises"
    list_select_related = ("industry", "jurisdiction")
    inspect_view_class = EnterpriseInspectView
    form_fields = [
        "name", "credit_code", "industry", "jurisdiction", "address", "legal_representative",
        "principal", "phone", "safety_contact", "standardisation_level", "risk_level",
        "last_inspected_on", "archived",
    ]  # fmt: skip


class RatingViewSet(ScopedViewSet):
    model = m.Rating
    list_select_related = ("enterprise__jurisdiction", "decided_by")
    icon = "pick"
    menu_label = _("Ratings")
    list_display = ["enterprise", "colour", "effective_from", "effective_to", "decided_by"]
    list_filter = ["colour"]
    search_fields = ["enterprise__name", "reason"]
    list_export = ["enterprise", "colour", "reason", "effective_from", "effective_to", "decided_by"]
    form_fields = ["enterprise", "colour", "criteria", "reason", "evidence", "effective_from",
                   "archived"]  # fmt: skip


class ProposalViewSet(ScopedViewSet):
    model = m.DowngradeProposal
    list_select_related = ("enterprise__jurisdiction",)
    icon = "warning"
    menu_label = _("Downgrade proposals")
    filterset_class = ProposalFilterSet
    edit_view_class = ProposalEditView
    list_display = [
        "enterprise",
        "trigger",
        "current_colour",
        "proposed_colour",
        "status",
        "created_at",
    ]
    search_fields = ["enterprise__name", "details"]
    form_fields = ["enterprise", "trigger", "details", "proposed_colour", "archived"]


class InterviewViewSet(ScopedViewSet):
    model = m.Interview
    list_select_related = ("enterprise__jurisdiction",)
    icon = "group"
    menu_label = _("Warning interviews")
    filterset_class = InterviewFilterSet
    edit_view_class = WorkflowEditView
    search_fields = ["enterprise__name", "reason", "interviewees"]
    list_display = [
        "enterprise",
        "held_on",
        "status",
        "report_due_on",
        OverdueColumn("report_overdue", label=_("Report overdue")),
    ]
    list_export = ["enterprise", "reason", "interviewees", "interviewers", "held_on", "location",
                   "status", "report_due_on", "report_received_on", "outcome"]  # fmt: skip
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("enterprise"),
                FieldPanel("reason"),
                FieldRowPanel([FieldPanel("interviewees"), FieldPanel("interviewers")]),
                FieldRowPanel(
                    [FieldPanel("held_on"), FieldPanel("held_at"), FieldPanel("location")]
                ),
            ],
            heading=_("Notice"),
        ),
        FieldPanel("minutes"),
        InlinePanel("commitments", heading=_("Commitments"), label=_("Commitment")),
        FieldPanel("report_document"),
        InlinePanel("follow_ups", heading=_("Follow-up checks"), label=_("Follow-up check")),
        FieldPanel("outcome"),
        FieldPanel("archived"),
    ]


class HazardViewSet(ScopedViewSet):
    model = m.Hazard
    list_select_related = ("enterprise__jurisdiction",)
    icon = "warning"
    menu_label = _("Hazards")
    filterset_class = HazardFilterSet
    edit_view_class = WorkflowEditView
    search_fields = ["title", "enterprise__name", "description"]
    list_display = [
        "title",
        "enterprise",
        "level",
        "status",
        "deadline",
        OverdueColumn("is_overdue", label=_("Overdue")),
    ]
    list_export = ["title", "enterprise", "level", "status", "found_on", "notified_on", "deadline",
                   "is_overdue", "measures"]  # fmt: skip
    form_fields = ["enterprise", "title", "description", "level", "found_on", "found_by",
                   "rectification_days", "measures", "evidence_before", "evidence_after",
                   "archived"]  # fmt: skip

    def get_edit_handler(self):
        return controlled_edit_handler(self)


class SupervisionViewSet(ScopedViewSet):
    model = m.SupervisionCase
    list_select_related = ("enterprise__jurisdiction",)
    icon = "tag"
    menu_label = _("Listed supervision")
    filterset_class = SupervisionFilterSet
    edit_view_class = WorkflowEditView
    search_fields = ["title", "notice_number", "enterprise__name"]
    list_display = [
        "notice_number",
        "title",
        "enterprise",
        "status",
        "deadline",
        OverdueColumn("is_overdue", label=_("Overdue")),
    ]
    list_export = ["notice_number", "title", "enterprise", "listed_on", "deadline", "status",
                   "responsible_person", "funds", "closed_on"]  # fmt: skip
    panels = [
        FieldPanel("enterprise"),
        FieldPanel("hazard"),
        FieldRowPanel([FieldPanel("notice_number"), FieldPanel("listed_on")]),
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("responsible_person"),
                FieldPanel("measures"),
                FieldPanel("funds"),
                FieldPanel("period_days"),
                FieldPanel("contingency_plan"),
            ],
            heading=_("Rectification plan (五落实)"),
        ),
        FieldPanel("acceptance_note"),
        FieldPanel("is_public"),
        FieldPanel("archived"),
    ]

    def get_edit_handler(self):
        return controlled_edit_handler(self)


class AssessmentViewSet(ScopedViewSet):
    model = m.Assessment
    list_select_related = ("enterprise__jurisdiction", "jurisdiction")
    icon = "doc-full"
    menu_label = _("Annual assessments")
    list_display = [
        "year",
        "unit",
        "score",
        "outcome_label",
        BooleanColumn("award_eligible", label=_("Eligible for awards")),
    ]
    list_filter = ["year"]
    search_fields = ["enterprise__name", "jurisdiction__name", "responsible_leaders"]
    list_export = [
        "year",
        "unit",
        "score",
        "outcome_label",
        "award_eligible",
        "responsible_leaders",
    ]
    panels = [
        FieldPanel("year"),
        FieldRowPanel([FieldPanel("jurisdiction"), FieldPanel("enterprise")]),
        FieldPanel("score"),
        FieldPanel("responsible_leaders"),
        InlinePanel("veto_items", heading=_("One-vote veto items"), label=_("Veto item")),
        FieldPanel("remarks"),
        FieldPanel("archived"),
    ]
    edit_view_class = AssessmentEditView

    def get_edit_handler(self):
        return controlled_edit_handler(self)


class ChecklistInspectView(InspectView):
    """The checklist's fields, then every item with its owner, status and evidence."""

    template_name = "accountability/admin/checklist_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields = ("standard", "title", "owner", "status", "evidence")
        context["item_headings"] = [
            capfirst(m.ChecklistItem._meta.get_field(f).verbose_name) for f in fields
        ]
        context["items"] = self.object.items.all()
        return context


class ChecklistViewSet(ScopedViewSet):
    model = m.Checklist
    inspect_view_class = ChecklistInspectView
    list_select_related = ("jurisdiction",)
    icon = "tasks"
    menu_label = _("Checklists")
    list_display = ["title", "kind", "jurisdiction", "year", "completion_display"]
    list_filter = ["kind", "year"]
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("jurisdiction"),
        InlinePanel("items", heading=_("Items"), label=_("Item")),
        FieldPanel("archived"),
    ]


class ResponsibilityViewSet(ScopedViewSet):
    """Lists with met/total and rate; the inspect view is the annual summary."""

    model = m.ResponsibilityList
    list_select_related = ("enterprise__jurisdiction", "jurisdiction")
    icon = "list-ul"
    menu_label = _("Responsibility lists")
    copy_view_enabled = True
    index_view_class = resp.ResponsibilityIndexView
    inspect_view_class = resp.ResponsibilityInspectView
    copy_view_class = resp.ResponsibilityCopyView
    inspect_view_fields = ["title", "year", "jurisdiction", "enterprise", "summary"]
    list_display = ["title", "year", "jurisdiction", "enterprise", "fulfilment_display",
                    "fulfilment_percent"]  # fmt: skip
    list_filter = ["year"]
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        FieldPanel("year"),
        FieldRowPanel([FieldPanel("jurisdiction"), FieldPanel("enterprise")]),
        InlinePanel("duties", heading=_("Posts and duties"), label=_("Duty")),
        FieldPanel("summary"),
        FieldPanel("archived"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=resp.ResponsibilityListForm).bind_to_model(
            self.model
        )


class FulfilmentRecordViewSet(ScopedViewSet):
    """Fulfilment records (履职记录); they make up the achieved figures of the duties."""

    model = m.FulfilmentRecord
    list_select_related = ("duty__responsibility_list", "recorded_by")
    icon = "tick-inverse"
    menu_label = _("Fulfilment records")
    add_view_class = resp.FulfilmentRecordCreateView
    filterset_class = resp.FulfilmentRecordFilterSet
    search_fields = ["description", "duty__post", "duty__duty", "duty__responsibility_list__title"]
    list_display = [
        "performed_on",
        "duty",
        Column("list", accessor="duty.responsibility_list", label=_("Responsibility list")),
        "quantity",
        "recorded_by",
    ]
    list_export = ["performed_on", "duty.responsibility_list", "duty.post", "duty.duty",
                   "quantity", "duty.unit", "description", "recorded_by"]  # fmt: skip
    export_headings = {
        "performed_on": _("performed on"),
        "duty.responsibility_list": _("responsibility list"),
        "duty.post": _("post"),
        "duty.duty": _("duty"),
        "quantity": _("quantity"),
        "duty.unit": _("unit"),
        "description": _("what was done"),
        "recorded_by": _("recorded by"),
    }
    export_filename = "fulfilment-records"
    panels = [
        FieldPanel("duty"),
        FieldRowPanel([FieldPanel("performed_on"), FieldPanel("quantity")]),
        FieldPanel("description"),
        FieldPanel("evidence"),
        FieldPanel("archived"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=resp.FulfilmentRecordForm).bind_to_model(
            self.model
        )


class AuditViewSet(ScopedViewSet):
    model = m.AuditEntry
    icon = "history"
    menu_label = _("Audit trail")
    inspect_view_class = AuditInspectView
    # "actor" is the name kept as text: it stays when the account is deleted.
    list_display = ["at", "actor", "action", "record_type", "object_repr", "note"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "note", "object_id", "username", "user_display"]
    list_export = ["local_time", "actor", "username", "action", "model", "object_id", "object_repr",
                   "before", "after"]  # fmt: skip
    create_view_enabled = False


class AccountabilityGroup(ViewSetGroup):
    menu_label = _("Safety accountability")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = [
        EnterpriseViewSet("accountability_enterprise"),
        RatingViewSet("accountability_rating"),
        ProposalViewSet("accountability_downgradeproposal"),
        InterviewViewSet("accountability_interview"),
        HazardViewSet("accountability_hazard"),
        SupervisionViewSet("accountability_supervisioncase"),
        TipoffViewSet("accountability_tipoff"),
        AssessmentViewSet("accountability_assessment"),
        ChecklistViewSet("accountability_checklist"),
        ResponsibilityViewSet("accountability_responsibilitylist"),
        FulfilmentRecordViewSet("accountability_fulfilmentrecord"),
        ChangeRequestViewSet("accountability_changerequest"),
        AuditViewSet("accountability_auditentry"),
    ]
