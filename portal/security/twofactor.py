"""Two-factor authentication rules: who must use it, enrolment of an authenticator app
(TOTP, RFC 6238) and single-use recovery codes. Devices are django-otp's models."""

from base64 import b32encode

import segno
from django.conf import settings
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def is_required(user):
    """Required for superusers and for the groups or roles in PORTAL_2FA_REQUIRED_GROUPS,
    when PORTAL_2FA_REQUIRED is on."""
    if not settings.PORTAL_2FA_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    wanted = set(settings.PORTAL_2FA_REQUIRED_GROUPS)
    for group in user.groups.select_related("admin_role"):
        role = getattr(group, "admin_role", None)
        if group.name in wanted or (role is not None and role.code in wanted):
            return True
    return False


def is_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_code(user):
    """A session of this user must pass the code page before reaching the admin."""
    return user_has_device(user, confirmed=True) or is_required(user)


def pending_device(user):
    """The authenticator being enrolled: the same secret on every reload until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_svg(device):
    """The otpauth:// link as an inline SVG QR code, drawn here (no outside service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def secret_for_typing(device):
    """The base-32 secret in groups of four, for apps without a camera."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm(request, device, code):
    """Confirms the pending authenticator with a code it shows; returns recovery codes."""
    if not device.verify_token(_clean(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return new_recovery_codes(device.user)


def new_recovery_codes(user):
    """Replaces all recovery codes with fresh ones and returns them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request, code):
    """Checks a code against the user's authenticator, then their recovery codes (a used
    recovery code is deleted by django-otp). Returns the device that accepted it, or None.
    django-otp slows repeated failures down per device (exponential throttling)."""
    code = _clean(code)
    if not code:
        return None
    for device in devices_for_user(request.user, confirmed=True):
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            otp_login(request, device)
            return device
    return None


def is_throttled(user):
    return any(not d.verify_is_allowed()[0] for d in devices_for_user(user, confirmed=True))


def reset(user):
    """Removes every device of a user (lost phone): they enrol again at their next login."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def is_recovery_device(device):
    return isinstance(device, StaticDevice)


def _clean(code):
    return "".join((code or "").split()).lower()
