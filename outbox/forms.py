from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from outbox.models import DeliveryPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        choices=DeliveryPreference.Delivery.choices,
        widget=forms.RadioSelect,
        label=_("E-mail me"),
    )
    language = forms.ChoiceField(
        choices=[("", _("The language of my browser"))] + list(settings.LANGUAGES),
        required=False,
        label=_("Language of the pages and of my e-mails"),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
