from __future__ import annotations

from django import forms

from outbox.models import DeliveryPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        choices=DeliveryPreference.Delivery.choices,
        widget=forms.RadioSelect,
        label="E-mail me",
    )
