"""The audit entry's detail page: who, when (Beijing time), and each changed field as
"label: old → new" in the reader's language."""

from django.utils import formats, timezone

from ..services.audit import describe_changes
from .base import InspectView


class AuditInspectView(InspectView):
    template_name = "accountability/admin/audit_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.object
        context["entry"] = entry
        context["at"] = formats.date_format(timezone.localtime(entry.at), "DATETIME_FORMAT")
        context["changes"] = describe_changes(entry)
        return context
