"""Security events from Django's and the packages' signals: logins, logouts, failures,
lockouts, and changes of groups and permissions (whichever side of the relation the
change is made from: a user's groups, or a group's members)."""

from contextvars import ContextVar

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from . import audit
from .models import EventKind

# The request being handled, so that changes made through forms name who made them and
# from where (set by SessionTimeoutMiddleware, which sees every request).
current_request = ContextVar("security_current_request", default=None)

AUTH_AT = "security_auth_at"
LAST_SEEN = "security_last_seen"


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session[AUTH_AT] = now
        request.session[LAST_SEEN] = now
    audit.record(EventKind.LOGIN, request=request, username=user.get_username())


def on_logout(sender, request, user, **kwargs):
    if user is None or getattr(request, "security_logout_recorded", False):
        return
    audit.record(EventKind.LOGOUT, request=request, username=user.get_username())


def on_login_failed(sender, credentials, request=None, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        detail = (
            _("Refused without checking the password: locked out.")
            if getattr(request, "axes_locked_out", False)
            else ""
        )
    audit.record(
        EventKind.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", "")),
        detail=detail,
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        detail = _("%(limit)d failures: account or address locked for %(minutes)d minutes.") % {
            "limit": settings.AXES_FAILURE_LIMIT,
            "minutes": settings.AXES_COOLOFF_TIME.total_seconds() // 60,
        }
    audit.record(EventKind.LOCKED_OUT, request=request, username=username or "", detail=detail)


def _names(model, pks):
    if model is Permission:
        rows = Permission.objects.filter(pk__in=pks).select_related("content_type")
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in rows)
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    User = get_user_model()
    return sorted(User.objects.filter(pk__in=pks).values_list(User.USERNAME_FIELD, flat=True))


def _describe(action, names):
    with translation.override(settings.LANGUAGE_CODE):
        if action == "post_add":
            return _("Added: %(names)s") % {"names": "、".join(names)}
        if action == "post_remove":
            return _("Removed: %(names)s") % {"names": "、".join(names)}
        return _("Cleared (was: %(names)s)") % {"names": "、".join(names) or "—"}


def _record_change(kind, username, detail):
    request = current_request.get()
    audit.record(
        kind, request=request, username=username, actor=audit.actor_of(request), detail=detail
    )


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """One event per user (or group) whose rights changed, with the names added or removed."""
    User = get_user_model()
    if action == "pre_clear":
        # The names are gone after the clear: remember them now.
        related = getattr(instance, _field_of(sender, instance))
        instance._security_cleared = list(related.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_security_cleared", [])
    if not pk_set:
        return
    if sender is User.groups.through:
        kind = EventKind.GROUPS_CHANGED
        if reverse:  # group.user_set.add(users)
            for name in _names(User, pk_set):
                _record_change(kind, name, _describe(action, [instance.name]))
            return
        _record_change(kind, instance.get_username(), _describe(action, _names(Group, pk_set)))
    elif sender is User.user_permissions.through:
        kind = EventKind.USER_PERMISSIONS_CHANGED
        if reverse:
            label = f"{instance.content_type.app_label}.{instance.codename}"
            for name in _names(User, pk_set):
                _record_change(kind, name, _describe(action, [label]))
            return
        _record_change(kind, instance.get_username(), _describe(action, _names(Permission, pk_set)))
    elif sender is Group.permissions.through:
        kind = EventKind.GROUP_PERMISSIONS_CHANGED
        if reverse:
            label = f"{instance.content_type.app_label}.{instance.codename}"
            for name in _names(Group, pk_set):
                _record_change(kind, "", _group_detail(name, action, [label]))
            return
        _record_change(kind, "", _group_detail(instance.name, action, _names(Permission, pk_set)))


def _group_detail(group_name, action, names):
    with translation.override(settings.LANGUAGE_CODE):
        return _("Group %(group)s: %(change)s") % {
            "group": group_name,
            "change": _describe(action, names),
        }


def _field_of(sender, instance):
    User = get_user_model()
    if sender is User.groups.through:
        return "groups" if isinstance(instance, User) else "user_set"
    if sender is User.user_permissions.through:
        return "user_permissions" if isinstance(instance, User) else "user_set"
    return "permissions" if isinstance(instance, Group) else "group_set"


def on_object_permission(sender, instance, signal, raw=False, created=None, **kwargs):
    """Wagtail keeps a group's page and collection permissions as rows of their own."""
    if raw or (signal is post_save and not created):
        return
    action = "post_add" if signal is post_save else "post_remove"
    try:
        target = getattr(instance, "page", None) or getattr(instance, "collection", None)
        group_name = instance.group.name
    except ObjectDoesNotExist:  # removed together with its page, collection or group
        return
    label = (
        f"{instance.permission.content_type.app_label}.{instance.permission.codename} @ {target}"
    )
    _record_change(
        EventKind.GROUP_PERMISSIONS_CHANGED, "", _group_detail(group_name, action, [label])
    )


WATCHED_FLAGS = ("is_active", "is_staff", "is_superuser")


def on_user_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Turning an account on or off, or making it a superuser, is a change of rights."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(WATCHED_FLAGS):
        return  # e.g. last_login on every login
    before = sender.objects.filter(pk=instance.pk).values(*WATCHED_FLAGS).first()
    if before is None:
        return
    changes = [
        f"{flag}: {before[flag]} → {getattr(instance, flag)}"
        for flag in WATCHED_FLAGS
        if before[flag] != getattr(instance, flag)
    ]
    if changes:
        _record_change(EventKind.ACCOUNT_CHANGED, instance.get_username(), "; ".join(changes))


def connect():
    User = get_user_model()
    user_logged_in.connect(on_login, dispatch_uid="security_login")
    user_logged_out.connect(on_logout, dispatch_uid="security_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="security_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="security_locked_out")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            on_m2m_changed, sender=through, dispatch_uid=f"security_m2m_{through.__name__}"
        )
    pre_save.connect(on_user_pre_save, sender=User, dispatch_uid="security_user_flags")
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(
            on_object_permission, sender=model, dispatch_uid=f"security_add_{model.__name__}"
        )
        post_delete.connect(
            on_object_permission, sender=model, dispatch_uid=f"security_del_{model.__name__}"
        )
