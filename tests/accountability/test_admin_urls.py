"""Every admin URL of the accountability app, as every role, answers without a server
error. The URL list is read from the URL configuration (every pattern in an
``accountability_*`` namespace, every admin URL named ``accountability_*``, and the bulk
action URL for each of the app's bulk actions), so a view added later is covered without
editing this file."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accountability.services import workflow
from accountability.views.bulk import ACTIONS
from tests.rendering import templates_not_recorded

from .records import ROLES, SIDES, build, login

PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
WORKFLOW_MODELS = {model._meta.model_name: model for model in workflow.TABLES}


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace])) or None
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), namespace, p.name


def accountability_urls():
    """(url name, parameter names, model name or None) of every accountability admin URL."""
    found = []
    for route, namespace, name in _walk(get_resolver().url_patterns):
        params = [m_.group("name") for m_ in PARAM.finditer(route)]
        if namespace and namespace.startswith("accountability_"):
            found.append((f"{namespace}:{name}", params, namespace.removeprefix("accountability_")))
        elif not namespace and name.startswith("accountability_"):
            found.append((name, params, None))
    return found


def _targets(records, name, params, model_name):
    """Concrete URLs for one pattern: one per own/foreign record where it takes a pk."""
    if not params:
        urls = [reverse(name)]
        if name.endswith(":index"):
            urls += [reverse(name) + "?export=csv", reverse(name) + "?export=xlsx"]
            urls.append(reverse(name) + "?archived=true")
        return urls
    if params == ["pk"] and model_name:
        return [reverse(name, args=[records[model_name][side].pk]) for side in SIDES]
    if set(params) == {"model", "pk", "action"}:  # workflow transition
        return [
            reverse(
                name, kwargs={"model": model, "pk": records[model][side].pk, "action": t.action}
            )
            for model, cls in WORKFLOW_MODELS.items()
            for t in workflow.TABLES[cls][:1]
            for side in SIDES
        ]
    if set(params) == {"model", "pk"} and name == "accountability_change_request":
        # a change request is filed on a hazard, a supervision case or an assessment
        return [
            reverse(name, kwargs={"model": model, "pk": records[model][side].pk})
            for model in ("hazard", "supervisioncase", "assessment")
            for side in SIDES
        ]
    if params == ["pk"] and name == "accountability_change_decide":
        return [reverse(name, args=[records["changerequest"][side].pk]) for side in SIDES]
    if params == ["pk"] and "proposal" in name:
        return [reverse(name, args=[records["downgradeproposal"][side].pk]) for side in SIDES]
    raise AssertionError(f"{name} takes {params}: teach this test how to fill them")


def _bulk_targets(records):
    urls = []
    for action in ACTIONS:
        models = action.models() if callable(action.models) else action.models
        for model in models:
            name = model._meta.model_name
            base = reverse("wagtail_bulk_action", args=["accountability", name, action.action_type])
            ids = "&".join(f"id={records[name][side].pk}" for side in SIDES)
            urls += [f"{base}?id={records[name]['own'].pk}", f"{base}?{ids}", f"{base}?id=all"]
    return urls


def all_urls(records):
    urls = []
    for name, params, model_name in accountability_urls():
        urls += _targets(records, name, params, model_name)
    return urls + _bulk_targets(records)


def test_the_url_list_covers_every_kind_of_view(world):
    names = {name.split(":")[-1] for name, _params, _model in accountability_urls()}
    assert {"index", "add", "edit", "inspect", "delete", "history", "history_results"} <= names
    assert {"usage", "index_results", "accountability_dashboard"} <= names
    namespaces = {model for _name, _params, model in accountability_urls() if model}
    assert len(namespaces) >= 17, namespaces


@pytest.mark.parametrize("role", ROLES)
def test_no_server_error_on_any_admin_url(client, world, role):
    records = build(world)
    c = login(client, world, role)
    client.raise_request_exception = False
    failures, count = [], 0
    for url in all_urls(records):
        for method in ("get", "post"):
            count += 1
            with templates_not_recorded():  # statuses only: see tests/rendering.py
                r = getattr(c, method)(url)
            if r.status_code >= 500:
                failures.append((method.upper(), url, r.status_code))
            elif role == "anonymous" and r.status_code == 200:
                failures.append((method.upper(), url, "anonymous got 200"))
    assert count > 300
    assert not failures, failures


@pytest.mark.parametrize("view", ["history", "history_results", "usage"])
def test_history_and_usage_open_for_own_and_404_for_foreign(client, world, view):
    """The pages each edit form links to (these answered 500 for everyone)."""
    records = build(world)
    client.force_login(world.users["district"])
    for model in ("hazard", "enterprise", "assessment", "responsibilitylist"):
        own, foreign = records[model]["own"], records[model]["foreign"]
        url = f"accountability_{model}:{view}"
        assert client.get(reverse(url, args=[own.pk])).status_code == 200, (model, view)
        assert client.get(reverse(url, args=[foreign.pk])).status_code == 404, (model, view)
