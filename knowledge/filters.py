"""Filter, sort and paginate the public lists.

Every index page declares a :class:`ListSpec`: which query-string parameters filter which
field, how the list can be sorted and how many items a page shows. The same spec drives
the list page and its RSS/Atom feeds, so a shared URL such as
``/regulations/?status=current&year=2024`` shows the same items in the browser and in a
feed reader. Unknown parameters are ignored; invalid values are reported above the list
and that filter is left out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core import sitememo
from portal.core.pagecache import current_generation, page_cache

PAGE_SIZE = 20
MAX_REMEMBERED_COUNTS = 5000


@dataclass
class Filter:
    """One filter: ``param`` in the query string, ``lookup`` in the ORM.

    ``choices`` is a list of (value, label) pairs or a callable receiving the unfiltered
    queryset (for values that depend on the data, such as issuers and years)."""

    param: str
    label: str
    lookup: str
    choices: list | Callable | None = None
    coerce: Callable = str


@dataclass
class ListSpec:
    filters: list[Filter]
    sorts: dict[str, tuple]  # param value -> (label, order_by fields)
    default_sort: str
    search_lookup: str = "title__icontains"
    page_size: int = PAGE_SIZE
    extra: dict = field(default_factory=dict)

    @property
    def params(self) -> set[str]:
        return {f.param for f in self.filters} | {"q", "sort"}


def years_of(date_field: str) -> Callable:
    def choices(qs):
        dates = qs.order_by().dates(date_field, "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in dates]

    return choices


def data_choices(flt: Filter, base_qs, key=None) -> list:
    """The (value, label) pairs of a data-dependent filter (issuers, years).

    They scan the whole list (DISTINCT over every live item), the costliest query of an
    uncached list page, yet only change when content is published. So they are kept
    under the site generation of the page cache, which every publish replaces: in the
    worker's memory (``sitememo``), else in the shared cache, else computed."""
    key = key if key is not None else str(base_qs.query)

    def shared():
        raw = (repr(key) + flt.param).encode()
        digest = hashlib.sha1(raw, usedforsecurity=False).hexdigest()
        cache_key = f"knowledge:choices:{current_generation()}:{digest}"
        cache = page_cache()
        choices = cache.get(cache_key)
        if choices is None:
            choices = [(str(v), str(label)) for v, label in flt.choices(base_qs)]
            cache.set(cache_key, choices, 3600)
        return choices

    return sitememo.remember(("list_choices", key, flt.param), shared)


def distinct_values(field_name: str) -> Callable:
    def choices(qs):
        values = qs.order_by(field_name).values_list(field_name, flat=True).distinct()
        return [(v, v) for v in values if v]

    return choices


def _attrs_html(attrs):
    """Django's ``django/forms/widgets/attrs.html``, in Python."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class FastTextInput(forms.TextInput):
    """Django's text input, the same HTML written without the template engine (the
    filter form is on every uncached list page; templates cost most of its time)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        value_html = format_html(' value="{}"', value) if value is not None else ""
        return mark_safe(
            format_html('<input type="{}" name="{}"', widget["type"], widget["name"])
            + value_html
            + _attrs_html(widget["attrs"])
            + ">"
        )


class FastSelect(forms.Select):
    """Django's select, the same HTML written without the template engine and without
    building a context per option (the issuer and year filters have dozens; templates
    and option contexts cost most of the form's time). Grouped choices go the usual way."""

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        wanted = set(self.format_value(value))
        html = [f'<select name="{escape(name)}"{_attrs_html(final_attrs)}>']
        found = False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not found and option_value in wanted
            found = found or selected
            html.append(
                f'\n  <option value="{escape(option_value)}"{" selected" if selected else ""}>'
                f"{escape(label)}</option>"
            )
        html.append("\n</select>")
        return mark_safe("".join(html))


class ListFilterForm(forms.Form):
    """The filter form above a list; built from a :class:`ListSpec`."""

    def __init__(self, spec: ListSpec, base_qs, data=None, key=None):
        """``key``: a hashable naming ``base_qs`` for the worker's memory of choices and
        counts (e.g. the list page's id), instead of its SQL (compiling it costs more
        than the rest of the form)."""
        super().__init__(data=data)
        self.spec = spec
        self.key = key
        self.fields["q"] = forms.CharField(
            label=_("Title contains"),
            required=False,
            max_length=100,
            strip=True,
            widget=FastTextInput,
        )
        for flt in spec.filters:
            if callable(flt.choices):
                if self.key is None:
                    self.key = str(base_qs.query)
                choices = data_choices(flt, base_qs, self.key)
            else:
                choices = list(flt.choices or [])
            self.fields[flt.param] = forms.ChoiceField(
                label=flt.label,
                required=False,
                choices=[("", _("All"))] + list(choices),
                widget=FastSelect,
            )
        self.fields["sort"] = forms.ChoiceField(
            label=_("Sort by"),
            required=False,
            choices=[(key, label) for key, (label, _order) in spec.sorts.items()],
            widget=FastSelect,
        )

    def apply(self, qs):
        """The queryset filtered by every valid value and sorted."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        for flt in self.spec.filters:
            value = cleaned.get(flt.param)
            if value:
                qs = qs.filter(**{flt.lookup: flt.coerce(value)})
        if cleaned.get("q"):
            qs = qs.filter(**{self.spec.search_lookup: cleaned["q"]})
        sort = cleaned.get("sort") or self.spec.default_sort
        return qs.order_by(*self.spec.sorts[sort][1])

    @property
    def is_filtered(self) -> bool:
        """True when any filter or sort parameter is set (such pages are not indexed)."""
        return any(self.data.get(p) for p in self.spec.params)

    def active_labels(self) -> list[str]:
        """Human-readable summary of the active filters, for the feed title."""
        labels = []
        cleaned = getattr(self, "cleaned_data", {})
        for name, bound in self.fields.items():
            value = cleaned.get(name)
            if value and name != "sort":
                shown = (
                    dict(bound.choices).get(value, value) if hasattr(bound, "choices") else value
                )
                labels.append(
                    gettext("%(label)s: %(value)s") % {"label": bound.label, "value": shown}
                )
        return labels

    def active_summary(self) -> str:
        """The active filters in brackets, punctuated for the current language:
        （区县：二七区；状态：现行有效） in Chinese, (District: Erqi; Status: current) in English."""
        labels = self.active_labels()
        if not labels:
            return ""
        return gettext("(%(filters)s)") % {"filters": gettext("; ").join(labels)}


def run_list(spec: ListSpec, base_qs, request, key=None):
    """Filter and paginate ``base_qs`` by ``request.GET``; returns (form, page_obj).
    ``key``: see :class:`ListFilterForm`."""
    form = ListFilterForm(spec, base_qs, data=request.GET, key=key)
    qs = form.apply(base_qs)
    paginator = Paginator(qs, spec.page_size)
    # The item count (a COUNT over the whole filtered list) only changes with the site:
    # remembered per filter combination, for a bounded number of combinations.
    counts = sitememo.remember("list_counts", dict, request)
    if key is None:
        key = str(qs.order_by().query)
    else:
        cleaned = getattr(form, "cleaned_data", {})
        filters = sorted((name, str(v)) for name, v in cleaned.items() if v and name != "sort")
        key = (key, tuple(filters))
    if key in counts:
        paginator.count = counts[key]
    elif len(counts) < MAX_REMEMBERED_COUNTS:
        counts[key] = paginator.count
    page_obj = paginator.get_page(request.GET.get("page"))
    if isinstance(key, tuple):
        # A page of rows (about 20 Wagtail pages: building them costs more than the query)
        # is the same for every visitor until the site changes: the worker keeps the most
        # recently viewed pages of rows. Rows are only read by the templates.
        sort = getattr(form, "cleaned_data", {}).get("sort") or spec.default_sort
        rows_key = (key, sort, page_obj.number)
        limit = getattr(settings, "LIST_PAGES_KEPT", 100)
        page_obj.object_list = sitememo.recently_used(
            "list_rows", rows_key, lambda: list(page_obj.object_list), limit, request
        )
    return form, page_obj
