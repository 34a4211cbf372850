"""The public tip-off form (安全生产举报) and the receipt-code lookup form.

Photos are checked by content, not by name: Pillow must read them as JPEG, PNG or WebP
within the size and pixel limits. They are then re-encoded as JPEG, which drops the EXIF
block (a phone photo carries the GPS position of the reporter and the device)."""

import io
import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.core.districts import District

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 48-megapixel phone photo is refused as oversized
MAX_SIDE = 2560  # stored size: enough to see a blocked exit, small enough to keep
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
# Mainland mobile numbers, or a landline with its area code (0371-12345678).
PHONE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(f, initial) for f in files]


def reencode(upload) -> tuple[str, bytes]:
    """(file name, JPEG bytes) of an uploaded photo; ValidationError in Chinese if it is
    not a photo we accept."""

    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Each photo may be at most %(mb)d MB.") % {"mb": MAX_PHOTO_BYTES // 1024 // 1024}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in IMAGE_FORMATS:
                raise ValidationError(_("Photos must be JPG, PNG or WebP images."))
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo is too large; send a smaller one."))
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=85)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("Photos must be JPG, PNG or WebP images.")) from None
    return f"tipoff-{uuid.uuid4().hex}.jpg", out.getvalue()


class TipoffForm(forms.Form):
    description = forms.CharField(
        label=_("What is the hazard?"),
        min_length=10,
        error_messages={
            "min_length": _("Describe the hazard in at least %(limit_value)d characters.")
        },
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Describe what you saw, e.g. blocked fire exits, gas cylinders stored indoors."
        ),
    )
    district = forms.ChoiceField(
        label=_("District/county"),
        error_messages={
            "required": _("Choose the district."),
            "invalid_choice": _("Choose a district from the list."),
        },
        choices=[("", _("Choose the district"))] + list(District.choices),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=200,
        help_text=_("Street and number, building or landmark."),
    )
    enterprise_name = forms.CharField(
        label=_("Enterprise or premises (if known)"), max_length=200, required=False
    )
    photos = PhotosField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_("Up to 3 photos, JPG, PNG or WebP, at most 10 MB each."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=20,
        required=False,
        help_text=_("Leave name and phone empty to report anonymously."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    # Anti-spam: a field people never see (hidden by CSS, skipped by keyboard and screen
    # readers); form-filling robots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's own messages use half-width punctuation; these read as the page does.
        for name, field in self.fields.items():
            if name != "district":  # it has its own ("choose", not "fill in")
                field.error_messages["required"] = _("Fill in this item.")
            field.error_messages["max_length"] = _("At most %(limit_value)d characters.")

    def clean_description(self):
        return self.cleaned_data["description"].strip()

    def clean_contact_phone(self):
        phone = re.sub(r"[\s()（）]", "", self.cleaned_data["contact_phone"])
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Enter a mobile number (11 digits) or a landline with its area code.")
            )
        return phone

    def clean_photos(self):
        files = self.cleaned_data.get("photos") or []
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Send at most %(n)d photos.") % {"n": MAX_PHOTOS})
        return [reencode(f) for f in files]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("The report could not be sent. Please try again."))
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=30,
        help_text=_("The 12-character code shown when you sent the report."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
