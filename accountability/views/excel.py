"""Admin pages for the Excel template download and the enterprise import with preview."""

import secrets
from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import excel

UPLOAD_DIR = settings.VAR_DIR / "tmp" / "enterprise-import"
MAX_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        help_text=gettext_lazy("Use the downloadable template; at most 5 MB."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx file."))
        if f.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return f


def _check(request):
    if not request.user.has_perm("accountability.add_enterprise"):
        raise PermissionDenied


def template_download(request):
    if not request.user.has_perm("accountability.view_enterprise"):
        raise PermissionDenied
    response = HttpResponse(
        excel.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="enterprise-template.xlsx"'
    return response


def import_view(request):
    _check(request)
    context = {"form": UploadForm(), "template_url": reverse("accountability_excel_template")}
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        if token != request.session.get("acc_import_token"):
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("accountability_import")
        path = UPLOAD_DIR / f"{token}.xlsx"
        try:
            with open(path, "rb") as fh:
                rows, errors = excel.parse(fh, request.user)
            counts = excel.save(rows, request.user)
        except (OSError, ValueError) as exc:
            messages.error(request, str(exc) or _("The import failed."))
            return redirect("accountability_import")
        path.unlink(missing_ok=True)
        request.session.pop("acc_import_token", None)
        messages.success(
            request,
            _("Imported: %(c)d new, %(u)d updated.")
            % {"c": counts["create"], "u": counts["update"]},
        )
        return redirect("accountability_enterprise:index")
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            rows, errors = excel.parse(BytesIO(data), request.user)
            context.update(rows=rows, file_errors=errors, previewed=True)
            context["bad"] = sum(1 for r in rows if not r.ok)
            if rows and not errors and not context["bad"]:
                token = secrets.token_hex(16)
                UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
                (UPLOAD_DIR / f"{token}.xlsx").write_bytes(data)
                request.session["acc_import_token"] = token
                context["token"] = token
    return render(request, "accountability/admin/import.html", context)
