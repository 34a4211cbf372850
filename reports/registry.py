"""The contract between apps and the report pipeline.

An app that offers PDF reports defines subclasses of :class:`ReportKind` in
``<app>/report_kinds.py``; ``reports/`` discovers them (``autodiscover_modules``) and runs
them in django-q2 jobs, from the admin and from ``manage.py report``. ``reports/`` never
imports an app's models.
"""

from __future__ import annotations

import abc
from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

_registry: dict[str, type[ReportKind]] = {}


class ReportKind(abc.ABC):
    """One kind of PDF report.

    ``name`` is the identifier used on the command line (``manage.py report <name> ...``)
    and in job records; ``label`` is shown to users. ``template`` is a Django template that
    extends ``reports/base_report.html``. :meth:`context` receives the validated parameters
    and the requesting user (None from the command line) and returns the template context;
    it must filter data to what the user may see. ``progress`` may be called with a
    fraction in [0, 1] while the data is gathered."""

    name: str = ""
    label: str = ""
    template: str = ""
    permission: str = ""  # Django permission codename "app_label.codename" required to run it

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            _registry[cls.name] = cls

    def add_arguments(self, parser) -> None:
        """Command-line arguments of ``manage.py report <name>``."""

    @abc.abstractmethod
    def clean_params(self, params: dict) -> dict:
        """Validate parameters (from the CLI or a form); raise ValueError with a
        user-facing message when they are wrong. Returns JSON-serialisable parameters."""

    @abc.abstractmethod
    def context(self, params: dict, user, progress: Callable[[float], None]) -> dict:
        """Template context for the report."""

    def title(self, params: dict) -> str:
        return str(self.label)

    # --- Optional extensions (defaults keep older kinds working) --------------------------
    description: str = ""  # one sentence shown on the admin's "new report" page

    def form_fields(self, user) -> dict:
        """Django form fields for the admin's request form, keyed like ``clean_params``
        expects its parameters. The form's cleaned data goes through ``clean_params``."""
        return {}

    def available_to(self, user) -> bool:
        """Whether ``user`` may request this report (None = the command line: always)."""
        if user is None or user.is_superuser:
            return True
        return not self.permission or user.has_perm(self.permission)

    def check_access(self, params: dict, user) -> None:
        """Called with the cleaned parameters before a job is recorded: raise ValueError
        (a user-facing message) when ``user`` may not see the data asked for."""

    def scheduled_runs(self, frequency: str, today) -> list[dict]:
        """Reports to build automatically: for ``frequency`` "weekly" (the schedule in
        reports/schedules.py), a list of dicts ``{"params", "recipients", "key"}``;
        recipients are notified and may download the PDF; ``key`` makes the run
        idempotent (one job per key)."""
        return []

    def reference_code(self) -> str:
        """A short code for the document number (文号), e.g. "报" in 郑应急报〔2026〕12号."""
        return "报"

    def filename(self, params: dict) -> str:
        return f"{self.name}.pdf"

    # --- Official documents and dates (see reports/documents.py) ---------------------------
    # An official document (a notice, minutes) is numbered in the document register when it
    # is first issued and reprinted identically afterwards; other reports are rebuilt from
    # the current data each time and carry no document number.
    official_document: bool = False

    def issuer_area(self, params: dict) -> str:
        """The district/county (its name) whose bureau issues the document; "" = the city."""
        return ""

    def document_date(self, params: dict):
        """For an official document: the date of the event it records (the decision, the
        meeting), printed as its date. None = the day it is issued."""
        return None

    def as_of(self, params: dict):
        """For a report: the day its data stand for (e.g. 31 December of a past year).
        None = today."""
        return None

    def issued(self, params: dict, number: str) -> None:
        """Called once an official document has been numbered (e.g. to record the number
        on the record it is about)."""

    def snapshot(self, params: dict) -> dict:
        """The record data an official document is issued from (JSON-serialisable with
        Django's encoder), kept in the register with the document."""
        return dict(params)


def discover_report_kinds() -> dict[str, ReportKind]:
    autodiscover_modules("report_kinds")
    return {name: cls() for name, cls in _registry.items()}
