"""Who may see what: the one scoping function used by every list, count, export, report
and object view.

A user sees the jurisdiction of their staff profile and everything below it. A department
officer sees the enterprises of the department's industries inside the area the
department belongs to, and the department's own records. Superusers see everything;
users without a profile (and anonymous users) see nothing.

Models declare ``SCOPE``: lookups to an enterprise (``"enterprise"``,
``"interview__enterprise"``), a jurisdiction (``"jurisdiction"``), ``"self"`` for
enterprises and jurisdictions themselves, or ``"path"`` for the audit trail."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from ..models import Enterprise, Jurisdiction, StaffProfile


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    path: str | None = None  # jurisdiction subtree for jurisdiction-owned records
    enterprise_path: str | None = None  # subtree for enterprises
    industries: frozenset = field(default_factory=frozenset)  # department officers only
    department: bool = False

    @property
    def nothing(self) -> bool:
        return not self.everything and self.path is None


def user_scope(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope(everything=True)
    cached = getattr(user, "_accountability_scope", None)
    if cached is not None:
        return cached
    profile = (
        StaffProfile.objects.select_related("jurisdiction__parent")
        .filter(user=user, archived=False)
        .first()
    )
    if profile is None:
        scope = Scope()
    else:
        j = profile.jurisdiction
        if j.kind == Jurisdiction.DEPARTMENT:
            area = j.parent.path if j.parent_id else j.path
            scope = Scope(
                path=j.path,
                enterprise_path=area,
                industries=frozenset(j.industries.values_list("pk", flat=True)),
                department=True,
            )
        else:
            scope = Scope(path=j.path, enterprise_path=j.path)
    user._accountability_scope = scope
    return scope


def _under(lookup: str, path: str) -> Q:
    return Q(**{lookup: path}) | Q(**{f"{lookup}__startswith": path + "/"})


def _enterprise_q(prefix: str, scope: Scope) -> Q:
    p = f"{prefix}__" if prefix else ""
    q = _under(f"{p}jurisdiction__path", scope.enterprise_path)
    if scope.department:
        q &= Q(**{f"{p}industry__in": scope.industries})
    return q


def scope_q(model, scope: Scope) -> Q | None:
    """The filter for ``model`` under ``scope``; None means no restriction."""
    if scope.everything:
        return None
    if scope.nothing:
        return Q(pk__in=[])
    declared = getattr(model, "SCOPE", ())
    if not declared:
        return None  # reference data (industries, criteria, calendar): not sensitive
    q = Q(pk__in=[])
    for lookup in declared:
        if lookup == "self" and model is Enterprise:
            q |= _enterprise_q("", scope)
        elif lookup == "self" and model is Jurisdiction:
            q |= _under("path", scope.path)
            if scope.department:
                q |= _under("path", scope.enterprise_path) & ~Q(kind=Jurisdiction.DEPARTMENT)
        elif lookup == "path":
            q |= _under("jurisdiction_path", scope.path)
            if not scope.department:
                q |= _under("jurisdiction_path", scope.enterprise_path)
        elif lookup.endswith("enterprise"):
            q |= _enterprise_q(lookup, scope)
        else:
            q |= _under(f"{lookup}__path", scope.path)
    return q


def visible(user, queryset):
    """``queryset`` restricted to what ``user`` may see. Use it everywhere."""
    q = scope_q(queryset.model, user_scope(user))
    return queryset if q is None else queryset.filter(q)


def write_q(model, scope: Scope) -> Q | None:
    """Where ``scope`` may write: what it sees, except that a department officer writes
    only inside its own department. It sees the districts of its area (to find the
    enterprises of its industries there) but may not file records under them."""
    if scope.department and model is Jurisdiction:
        return _under("path", scope.path)
    return scope_q(model, scope)


def writable(user, queryset):
    """``queryset`` restricted to records ``user`` may write or attach a record to: the
    choices of every form and the records of every bulk action."""
    q = write_q(queryset.model, user_scope(user))
    return queryset if q is None else queryset.filter(q)


def may_write(user, obj) -> bool:
    """Whether ``obj`` (saved or not, with its foreign keys set) lies in ``user``'s write
    scope: at least one of its SCOPE lookups reaches a jurisdiction or enterprise the
    user may write. Forms check the record they are about to save with it, so that no
    combination of choices places a record outside the user's jurisdiction."""
    scope = user_scope(user)
    if scope.everything:
        return True
    if scope.nothing:
        return False
    declared = getattr(type(obj), "SCOPE", ())
    if not declared:
        return True  # reference data: the model permission decides
    for lookup in declared:
        if lookup == "self" and isinstance(obj, Jurisdiction):
            target = obj.parent if obj.parent_id else None
            if target is not None and _path_under(target.path, scope.path):
                return True
            continue
        target = obj if lookup == "self" else _follow(obj, lookup)
        if isinstance(target, Enterprise) and target.jurisdiction_id:
            if allows_enterprise(scope, target):
                return True
        elif isinstance(target, Jurisdiction) and _path_under(target.path, scope.path):
            return True
    return False


def _path_under(path: str, base: str) -> bool:
    return path == base or path.startswith(base + "/")


def _follow(obj, lookup):
    target = obj
    for part in lookup.split("__"):
        try:
            target = getattr(target, part, None)
        except ObjectDoesNotExist:  # a required relation not set yet
            return None
        if target is None:
            return None
    return target


def can_see(user, obj) -> bool:
    return visible(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def allows_enterprise(scope: Scope, enterprise) -> bool:
    """In-memory check equal to ``scope_q`` for one enterprise (used by the daily scan,
    which checks many users against many records)."""
    if scope.everything:
        return True
    if scope.nothing:
        return False
    path, base = enterprise.jurisdiction.path, scope.enterprise_path
    if not (path == base or path.startswith(base + "/")):
        return False
    return not scope.department or enterprise.industry_id in scope.industries


def path_of(obj) -> str:
    """The jurisdiction path a record belongs to (used for the audit trail)."""
    if isinstance(obj, Jurisdiction):
        return obj.path
    if isinstance(obj, Enterprise):
        return obj.jurisdiction.path if obj.jurisdiction_id else ""
    for lookup in getattr(obj, "SCOPE", ()):
        target = obj
        for part in lookup.split("__"):
            target = getattr(target, part, None)
            if target is None:
                break
        if isinstance(target, Enterprise):
            return target.jurisdiction.path
        if isinstance(target, Jurisdiction):
            return target.path
    return ""
