"""The code page, enrolment and recovery codes (portal/urls.py: /admin/2fa/), and the
admin pages of the security and audit administrators (wagtail_hooks.py)."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import audit, lockout, twofactor
from .forms import AddressForm, CodeForm, EnrolForm, EventFilterForm, UsernameForm
from .models import EventKind, SecurityEvent

RECOVERY_SESSION_KEY = "security_new_recovery_codes"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _with_next(name, target):
    return f"{reverse(name)}?{urlencode({'next': target})}"


@never_cache
@login_required
def verify(request):
    """Second step of the admin login: a code from the app or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.is_enrolled(user):
        return redirect(_with_next("security_2fa_setup", _next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = twofactor.is_throttled(user)
        device = twofactor.verify(request, form.cleaned_data["code"])
        if device is not None:
            recovery = twofactor.is_recovery_device(device)
            kind = EventKind.OTP_RECOVERY_USED if recovery else EventKind.OTP_VERIFIED
            audit.record(kind, request=request, username=user.get_username())
            if recovery:
                messages.warning(
                    request,
                    _("You used a recovery code; it cannot be used again. %(left)d remain.")
                    % {"left": device.token_set.count()},
                )
            return redirect(_next_url(request))
        audit.record(EventKind.OTP_FAILED, request=request, username=user.get_username())
        if throttled:
            form.add_error(None, _("Too many wrong codes. Wait a little, then try again."))
        else:
            form.add_error(None, _("The code is wrong or has expired. Please try again."))
    return render(request, "security/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
def setup(request):
    """Enrolment: a QR code (drawn locally as SVG) and the secret, confirmed by a code.
    An enrolled user must pass the code page first, so a stolen password alone cannot
    replace the authenticator."""
    user = request.user
    if twofactor.is_enrolled(user) and not user.is_verified():
        return redirect(_with_next("security_2fa_verify", _next_url(request)))
    if twofactor.is_enrolled(user):
        return redirect("security_2fa_manage")
    device = twofactor.pending_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
            audit.record(EventKind.OTP_ENROLLED, request=request, username=user.get_username())
            request.session[RECOVERY_SESSION_KEY] = codes
            return redirect(_with_next("security_2fa_recovery", _next_url(request)))
        audit.record(
            EventKind.OTP_FAILED, request=request, username=user.get_username(), detail="enrolment"
        )
        form.add_error(None, _("The code is wrong or has expired. Please try again."))
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.secret_for_typing(device),
        "next": _next_url(request),
        "required": twofactor.is_required(user),
    }
    return render(request, "security/setup.html", context)


@never_cache
@login_required
def recovery_codes(request):
    """Shows new recovery codes once; after that only their number is known."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if codes is None:
        return redirect("security_2fa_manage")
    return render(request, "security/recovery.html", {"codes": codes, "next": _next_url(request)})


@never_cache
@login_required
def manage(request):
    """The user's own two-factor page: status and new recovery codes."""
    user = request.user
    if not twofactor.is_enrolled(user):
        return redirect("security_2fa_setup")
    if not user.is_verified():
        return redirect(_with_next("security_2fa_verify", request.path))
    if request.method == "POST":
        request.session[RECOVERY_SESSION_KEY] = twofactor.new_recovery_codes(user)
        audit.record(EventKind.OTP_RECOVERY_RENEWED, request=request, username=user.get_username())
        return redirect("security_2fa_recovery")
    remaining = sum(d.token_set.count() for d in user.staticdevice_set.all())
    return render(request, "security/manage.html", {"remaining": remaining})


@permission_required("security.view_securityevent", raise_exception=True)
def event_log(request):
    """The security event log for the audit administrator: read only, filtered, paged."""
    form = EventFilterForm(request.GET or None)
    events = SecurityEvent.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["username"]:
            events = events.filter(username__icontains=data["username"])
        if data["date_from"]:
            events = events.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(at__date__lte=data["date_to"])
    page = Paginator(events, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "security/event_log.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
    )


@permission_required("security.manage_lockouts", raise_exception=True)
def lockouts(request):
    """Current lockouts for the security administrator, with a button to lift each."""
    users, addresses = lockout.locked_usernames_and_addresses()
    return render(
        request,
        "security/lockouts.html",
        {
            "users": users,
            "addresses": addresses,
            "minutes": lockout.lockout_minutes(),
            "limit": settings.AXES_FAILURE_LIMIT,
        },
    )


@require_POST
@permission_required("security.manage_lockouts", raise_exception=True)
def unlock(request):
    actor = request.user.get_username()
    username_form = UsernameForm(request.POST)
    address_form = AddressForm(request.POST)
    if username_form.is_valid():
        name = username_form.cleaned_data["username"]
        axes_reset(username=name)
        audit.record(EventKind.UNLOCKED, request=request, username=name, actor=actor)
        messages.success(request, _("Lockout of %(name)s lifted.") % {"name": name})
    elif address_form.is_valid():
        ip = address_form.cleaned_data["ip_address"]
        axes_reset(ip=ip)
        audit.record(EventKind.UNLOCKED, request=request, actor=actor, detail=ip)
        messages.success(request, _("Lockout of %(name)s lifted.") % {"name": ip})
    return redirect("security_admin:lockouts")


@require_POST
@permission_required("security.manage_lockouts", raise_exception=True)
def reset_two_factor(request):
    """A user lost their phone and recovery codes: remove their devices so they enrol again."""
    form = UsernameForm(request.POST)
    user = None
    if form.is_valid():
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: form.cleaned_data["username"]}).first()
    if user is None:
        messages.error(request, _("No such user."))
    else:
        twofactor.reset(user)
        audit.record(
            EventKind.OTP_RESET,
            request=request,
            username=user.get_username(),
            actor=request.user.get_username(),
        )
        messages.success(
            request,
            _("Two-factor authentication of %(name)s reset; they enrol again at their next login.")
            % {"name": user.get_username()},
        )
    return redirect("security_admin:lockouts")
