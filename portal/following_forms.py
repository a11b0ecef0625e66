from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality

from . import following
from .models import Subscription


class SubscriptionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    section = forms.ChoiceField(label=_("or a whole section"), required=False)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "—"), *following.section_choices()]

    def clean(self):
        data = super().clean()
        if bool(data.get("municipality")) == bool(data.get("section")):
            raise forms.ValidationError(_("Choose a municipality or a section."))
        return data
