from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality

from .models import User


class ProfileForm(forms.ModelForm):
    home_municipality = forms.ModelChoiceField(
        label=_("home municipality"),
        queryset=Municipality.objects.filter(
            kind__in=Municipality.SELF_GOVERNING_KINDS, valid_to__isnull=True
        ).order_by("name"),
        required=False,
        help_text=_("Optional. The portal then shows your municipality first."),
    )

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "home_municipality"]
