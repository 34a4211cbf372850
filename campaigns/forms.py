"""Public filter form of the activity listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.districts import DistrictOrCitywide

from .models import Channel, Mode

WHEN_CHOICES = [("", _("All dates")), ("upcoming", _("Upcoming")), ("past", _("Past"))]


class ActivityFilterForm(forms.Form):
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    when = forms.ChoiceField(label=_("When"), choices=WHEN_CHOICES, required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    district = forms.ChoiceField(
        label=_("District"),
        choices=[("", _("All districts")), *DistrictOrCitywide.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False
    )
    mode = forms.ChoiceField(
        label=_("Online or offline"), choices=[("", _("Both")), *Mode.choices], required=False
    )

    def __init__(self, *args, years=(), campaigns=(), **kwargs):
        """``campaigns`` are (slug, title) pairs of the published campaigns."""
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [("", _("All campaigns")), *campaigns]
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
