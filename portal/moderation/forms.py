from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    """Hiding a text or blocking a person: the reason is required and kept on record."""

    reason = forms.CharField(label=_("Reason"), max_length=300)


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with it?"), max_length=300, required=False)
