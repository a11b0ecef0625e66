from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality

from .models import User
from .text import NameField
from .text import same_name
from .text import skeleton


def refuse_staff_lookalike(name: str, *, user: User | None = None) -> None:
    """Refuse a name that only looks like a staff member's (Cyrillic "Аdmin" for "Admin").

    The very same name is allowed (namesakes exist; the page shows roles, not names); a name
    equal under ``portal.text.skeleton`` but written differently is an impersonation.
    """
    if not name:
        return
    folded = skeleton(name)
    staff = User.objects.filter(
        Q(is_superuser=True)
        | Q(is_staff=True)
        | Q(is_moderator=True)
        | Q(is_monitor=True)
        | Q(staff_memberships__isnull=False)
    ).exclude(display_name="")
    if user is not None and user.pk:
        staff = staff.exclude(pk=user.pk)
    for staff_name in staff.values_list("display_name", flat=True).distinct():
        if skeleton(staff_name) == folded and not same_name(staff_name, name):
            raise ValidationError(
                _("This name looks like the name of a staff member. Please choose another."),
                code="lookalike",
            )


class ProfileForm(forms.ModelForm):
    display_name = NameField(
        label=User._meta.get_field("display_name").verbose_name,
        max_length=User._meta.get_field("display_name").max_length,
        required=False,
        help_text=User._meta.get_field("display_name").help_text,
    )
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

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        refuse_staff_lookalike(name, user=self.instance)
        return name
