"""Permission matrix generated from the URL configuration (issue #13): every admin and API
URL pattern × every role, with path parameters filled with a record of the user's own
jurisdiction and one of another jurisdiction. No answer is a 5xx; anonymous visitors never
get admin content; scoped roles never see another jurisdiction's record.

Only GET requests are made (no state changes); patterns whose parameters cannot be filled
from a record (e.g. app_label/model_name of Wagtail internals) are requested with the
parameters of the accountability enterprise when they name a model, else skipped and
counted. The figures are printed with ``-s``."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accountability import factories as af
from accountability.services.scoping import visible
from campaigns.services import desk
from tests.rendering import templates_not_recorded

pytestmark = pytest.mark.django_db

PREFIXES = ("admin/", "django-admin/", "api/", "campaigns-api/")
# GET requests that change state or leave the admin: not part of a read-only sweep.
SKIP_NAMES = re.compile(r"logout|password_reset|account_|login|lang")
# Wagtail's deliberate error page ("failwhale"), to test error reporting.
SKIP_ROUTES = re.compile(r"failwhale")
ID_PARAM = re.compile(r"^(pk|id|object_id|.*_id|.*_pk)$")
FOREIGN_MARK = "外区专属标记"


def _patterns(resolvers, prefix=""):
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _model_of(callback):
    view_class = getattr(callback, "view_class", None)
    model = getattr(callback, "view_initkwargs", {}).get("model") or getattr(
        view_class, "model", None
    )
    from django.db import models

    return model if isinstance(model, type) and issubclass(model, models.Model) else None


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _normalise(route):
    """Regex routes (Wagtail's API router) as path syntax when they are simple."""
    route = _NAMED_GROUP.sub(lambda m: f"<{m.group(1)}>", route.replace("^", "").replace("$", ""))
    return None if re.search(r"[\\()\[\]*+?|]", route) else route


def _build(route, values):
    """A concrete path from a route; None when it cannot be filled."""
    route = _normalise(route)
    if route is None:
        return None
    missing = [name for _conv, name in _PARAM.findall(route) if name not in values]
    if missing:
        return None
    return "/" + _PARAM.sub(lambda m: str(values[m.group(2)]), route)


@pytest.fixture
def matrix(world, sections):
    """Records of every scoped accountability model in both districts, and the roles."""
    af.HazardFactory(enterprise=world.own)
    af.HazardFactory(enterprise=world.other, title=FOREIGN_MARK + "隐患")
    af.InterviewFactory(enterprise=world.own)
    af.InterviewFactory(enterprise=world.other)
    af.SupervisionCaseFactory(enterprise=world.own)
    af.SupervisionCaseFactory(enterprise=world.other, title=FOREIGN_MARK + "挂牌")
    world.other.name = FOREIGN_MARK + "企业"
    world.other.save()
    users = dict(world.users)
    for key, group in (("campaign_editor", desk.EDITORS), ("campaign_reviewer", desk.REVIEWERS)):
        user = af.make_staff(key, None, None, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        users[key] = user
    users["anonymous"] = None
    return world, users, sections


SCOPED = ("district", "department", "auditor", "campaign_editor", "campaign_reviewer")


def test_every_admin_and_api_url_for_every_role(matrix, capsys):
    world, users, sections = matrix
    routes = [(r, p) for r, p in _patterns(get_resolver().url_patterns) if r.startswith(PREFIXES)]
    district = world.users["district"]
    requests, skipped, problems = 0, 0, []
    plans = []  # (path, model, record or None)
    for route, pattern in routes:
        if (pattern.name and SKIP_NAMES.search(pattern.name)) or SKIP_ROUTES.search(route):
            continue
        params = [name for _conv, name in _PARAM.findall(_normalise(route) or route)]
        model = _model_of(pattern.callback)
        if not params:
            path = _build(route, {})
            if path:
                plans.append((path, model, None))
            else:
                skipped += 1
            continue
        fillable = all(ID_PARAM.match(p) for p in params)
        if model is not None and model._meta.app_label == "accountability" and fillable:
            own = visible(district, model.objects.all()).first()
            foreign = model.objects.exclude(
                pk__in=visible(district, model.objects.all()).values("pk")
            ).first()
            records = [r for r in (own, foreign) if r is not None]
            for record in records:
                path = _build(route, dict.fromkeys(params, record.pk))
                if path:
                    plans.append((path, model, record))
            if not records:
                skipped += 1
            continue
        if all(ID_PARAM.match(p) for p in params):
            page = sections["regulations"]
            path = _build(route, dict.fromkeys(params, page.pk))
            if path:
                plans.append((path, model, None))
                continue
        skipped += 1

    for role, user in users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for path, _model, record in plans:
            with templates_not_recorded():  # statuses and HTML only: see tests/rendering.py
                response = client.get(path)
            requests += 1
            status = response.status_code
            if status >= 500:
                problems.append(f"{role} {path}: {status}")
                continue
            body = b"" if getattr(response, "streaming", False) else response.content
            admin_path = path.startswith(("/admin/", "/django-admin/"))
            if role == "anonymous" and admin_path and status == 200 and b"w-sidebar" in body:
                problems.append(f"anonymous got admin content at {path}")
            if role in SCOPED and status == 200:
                if (
                    record is not None
                    and not visible(user, type(record).objects.filter(pk=record.pk)).exists()
                ):
                    problems.append(f"{role} opened foreign {type(record).__name__} at {path}")
                if FOREIGN_MARK.encode() in body:
                    problems.append(f"{role} saw a foreign record's name at {path}")
    with capsys.disabled():
        print("\n".join(problems[:50]))
        print(
            f"\npermission matrix: {len(plans)} URLs × {len(users)} roles = {requests} "
            f"requests, {skipped} patterns not fillable, {len(problems)} problems"
        )
    assert requests > 500
    assert problems == []


def test_accountability_history_and_usage_views_open(world, client):
    client.force_login(world.users["city"])
    for view in ("history", "usage"):
        response = client.get(f"/admin/accountability_enterprise/{view}/{world.own.pk}/")
        assert response.status_code == 200
