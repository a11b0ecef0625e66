from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from portal.permissions import can
from portal.text import ShortTextField
from portal.uploads import CONTENT_MISMATCH
from portal.uploads import content_matches_name

from .models import DOCUMENT_EXTENSIONS
from .models import DOCUMENT_MAX_BYTES
from .models import BalanceGroup
from .models import Event
from .models import OfflineTally


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def check_document(upload) -> None:
    if not upload:
        return
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(types)s."),
            params={"types": ", ".join(DOCUMENT_EXTENSIONS)},
        )
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    if extension == "pdf" and not content_matches_name(upload):
        raise ValidationError(_("This file is not a PDF document."))
    if not content_matches_name(upload):
        raise ValidationError(CONTENT_MISMATCH)


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "municipality",
            "kind",
            "title_ky",
            "title_ru",
            "description_ky",
            "description_ru",
            "agenda_ky",
            "agenda_ru",
            "place_ky",
            "place_ru",
            "starts_at",
            "ends_at",
            "choice_closes_at",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "choice_closes_at": DateTimeInput(),
            "description_ky": forms.Textarea(attrs={"rows": 5}),
            "description_ru": forms.Textarea(attrs={"rows": 5}),
            "agenda_ky": forms.Textarea(attrs={"rows": 4}),
            "agenda_ru": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Municipality.objects.order_by("name")
        if not can(user, "participation.manage_all_events"):
            units = units.filter(staff_memberships__user=user)
        self.fields["municipality"].queryset = units
        if self.instance.pk:
            # An event stays with its municipality.
            self.fields["municipality"].disabled = True
        for name in ("title_ky", "place_ky"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        closes = data.get("choice_closes_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must come after the start."))
        if closes and ends and closes > ends:
            self.add_error("choice_closes_at", _("The choice must close by the end of the event."))
        return data


class DocumentForm(forms.Form):
    title_ky = forms.CharField(label=_("Title in Kyrgyz"), max_length=200)
    title_ru = forms.CharField(label=_("Title in Russian"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, OpenDocument or an image; at most 10 MB."),
        validators=[check_document],
    )


class AlternativeForm(forms.Form):
    title_ky = forms.CharField(label=_("Title in Kyrgyz"), max_length=200)
    title_ru = forms.CharField(label=_("Title in Russian"), max_length=200, required=False)
    description_ky = forms.CharField(
        label=_("Description in Kyrgyz"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=Event.Status.choices)
    reason_ky = forms.CharField(
        label=_("Reason for cancelling, in Kyrgyz"), required=False, widget=forms.Textarea(
            attrs={"rows": 2})
    )
    reason_ru = forms.CharField(
        label=_("Reason for cancelling, in Russian"), required=False, widget=forms.Textarea(
            attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    text = ShortTextField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain text; links become clickable."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ResultsForm(forms.Form):
    decision_ky = forms.CharField(
        label=_("Decision in Kyrgyz"), widget=forms.Textarea(attrs={"rows": 5})
    )
    decision_ru = forms.CharField(
        label=_("Decision in Russian"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    protocol = forms.FileField(
        label=_("Protocol"), required=False, validators=[check_document],
        help_text=_("PDF, Word, Excel, OpenDocument or an image; at most 10 MB."),
    )

    def __init__(self, *args, alternatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.tally_fields = []
        for alternative in alternatives:
            for method, method_label in OfflineTally.Method.choices:
                name = f"tally_{alternative.pk}_{method}"
                self.fields[name] = forms.IntegerField(
                    label=f"{alternative.title} — {method_label}", min_value=0, required=False
                )
                self.tally_fields.append((alternative.pk, method, name))

    def tallies(self) -> dict:
        return {
            (alternative_id, method): self.cleaned_data.get(name)
            for alternative_id, method, name in self.tally_fields
        }


class AttendanceForm(forms.Form):
    villages = forms.CharField(
        label=_("By village of residence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One village a line: name, then a colon and the number, e.g. «Tepke: 40»."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_fields = []
        for group in groups:
            name = f"group_{group.pk}"
            self.fields[name] = forms.IntegerField(label=group.name, min_value=0, required=False)
            self.group_fields.append((group, name))

    def clean_villages(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["villages"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, count = line.rpartition(":")
            if not sep or not name.strip() or not count.strip().isdigit():
                raise ValidationError(
                    _("Line %(number)s should read «village: number»."),
                    params={"number": number},
                )
            rows.append((name.strip(), int(count)))
        return rows

    def clean(self):
        data = super().clean()
        totals = {}
        for group, name in self.group_fields:
            if data.get(name) is not None:
                totals.setdefault(group.dimension, 0)
                totals[group.dimension] += data[name]
        if len(set(totals.values())) > 1:
            raise ValidationError(
                _("The totals by gender, age and ethnic group differ: please check the counts.")
            )
        return data

    def counts(self) -> dict:
        return {group.pk: self.cleaned_data.get(name) for group, name in self.group_fields}


class ReferenceSharesForm(forms.Form):
    source = forms.CharField(
        label=_("Source of the figures"), max_length=400, required=False,
        help_text=_("For example: the statistics department's passport of the ayil aimak, 2024."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_fields = []
        for group in groups:
            name = f"share_{group.pk}"
            self.fields[name] = forms.DecimalField(
                label=f"{group.name}, %", min_value=0, max_value=100, decimal_places=2,
                required=False,
            )
            self.group_fields.append((group, name))

    def clean(self):
        data = super().clean()
        for dimension in BalanceGroup.Dimension.values:
            values = [
                data.get(name) for group, name in self.group_fields
                if group.dimension == dimension and data.get(name) is not None
            ]
            if values and sum(values) > 100:
                raise ValidationError(_("The shares of one dimension add up to more than 100 %."))
        return data

    def shares(self) -> dict:
        return {group.pk: self.cleaned_data.get(name) for group, name in self.group_fields}


class EventFilterForm(forms.Form):
    oblast = forms.ChoiceField(label=_("Oblast"), required=False)
    rayon = forms.ChoiceField(label=_("Rayon"), required=False)
    municipality = forms.CharField(label=_("Municipality (address name)"), required=False,
                                   widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("all types")), *Event.Kind.choices]
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("all")), ("upcoming", _("upcoming")), ("past", _("past"))],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        oblasts = [(u.slug, str(u)) for u in units if u.kind in ("oblast", "city_republican")]
        rayons = [(u.slug, str(u)) for u in units if u.kind == "rayon"]
        self.fields["oblast"].choices = [("", _("all oblasts")), *oblasts]
        self.fields["rayon"].choices = [("", _("all rayons")), *rayons]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
