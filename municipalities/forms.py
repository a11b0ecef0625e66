"""Forms of the staff workspace: Kyrgyz and Russian fields side by side."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Body
from .models import Charter
from .models import Member
from .models import Municipality
from .models import Village
from .selectors import DirectoryFilters
from .selectors import oblast_choices
from .selectors import rayon_choices
from .services import BODY_FIELDS
from .services import MEMBER_FIELDS
from .services import PROFILE_FIELDS
from .services import VILLAGE_FIELDS


class DirectoryFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("current", _("current units")),
        ("superseded", _("superseded units")),
        ("pre_reform", _("pre-reform data (before 2024)")),
        ("all", _("all units")),
    ]

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    oblast = forms.ModelChoiceField(
        label=_("Oblast"), queryset=Municipality.objects.none(), required=False,
        to_field_name="slug", empty_label=_("all oblasts"),
    )
    rayon = forms.ModelChoiceField(
        label=_("Rayon"), queryset=Municipality.objects.none(), required=False,
        to_field_name="slug", empty_label=_("all rayons"),
    )
    kind = forms.ChoiceField(label=_("Type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oblast"].queryset = oblast_choices()
        self.fields["kind"].choices = [("", _("all types")), *Municipality.Kind.choices]
        oblast_slug = self.data.get("oblast") if self.is_bound else None
        oblast = next((o for o in self.fields["oblast"].queryset if o.slug == oblast_slug), None)
        self.fields["rayon"].queryset = rayon_choices(oblast)

    def filters(self) -> DirectoryFilters:
        if not self.is_valid():
            return DirectoryFilters(q=(self.data.get("q") or "")[:100])
        data = self.cleaned_data
        return DirectoryFilters(
            q=data["q"].strip(), oblast=data["oblast"], rayon=data["rayon"],
            kind=data["kind"], status=data["status"] or "current",
        )


class SideBySideMixin(forms.BaseForm):
    """Rows for the template: a Kyrgyz field and its Russian twin share one row."""

    def rows(self) -> list[list[forms.BoundField]]:
        rows: list[list[forms.BoundField]] = []
        seen: set[str] = set()
        for bound in self.visible_fields():
            if bound.name in seen:
                continue
            if bound.name.endswith("_ky") and bound.name[:-3] + "_ru" in self.fields:
                twin = self[bound.name[:-3] + "_ru"]
                rows.append([bound, twin])
                seen.add(twin.name)
            else:
                rows.append([bound])
        return rows


class ProfileForm(SideBySideMixin, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = PROFILE_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in PROFILE_FIELDS}


UNIT_NAME_MAX = Municipality._meta.get_field("name_ky").max_length


class UnitNamesForm(SideBySideMixin, forms.Form):
    """Correct or confirm the unit's names; both languages are required."""

    name_ky = forms.CharField(
        label=_("Name in Kyrgyz"),
        max_length=UNIT_NAME_MAX,
        help_text=_("As the unit writes it in Kyrgyz, e.g. Тепке айыл аймагы."),
        error_messages={
            "required": _("Enter the name in Kyrgyz."),
            "max_length": _("The name is too long: at most %(limit_value)d characters."),
        },
    )
    name_ru = forms.CharField(
        label=_("Name in Russian"),
        max_length=UNIT_NAME_MAX,
        help_text=_("As the unit writes it in Russian, e.g. Тепкенский айылный аймак."),
        error_messages={
            "required": _("Enter the name in Russian."),
            "max_length": _("The name is too long: at most %(limit_value)d characters."),
        },
    )

    def clean(self):
        data = super().clean()
        for name in ("name_ky", "name_ru"):
            value = data.get(name)
            if value and not any(char.isalpha() for char in value):
                self.add_error(name, _("A name needs letters."))
            elif value and any(char in value for char in "<>{}[]|"):
                self.add_error(name, _("A name cannot contain the signs < > { } [ ] |."))
        return data


class BodyForm(SideBySideMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Body
        fields = BODY_FIELDS
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "term_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        if kind != Body.Kind.COUNCIL:
            for name in ("seats", "term_start", "term_end"):
                del self.fields[name]


class MemberForm(SideBySideMixin, forms.ModelForm):
    class Meta:
        model = Member
        fields = MEMBER_FIELDS

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        allowed = Member.COUNCIL_ROLES if body.kind == Body.Kind.COUNCIL else Member.EXECUTIVE_ROLES
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (value, label) for value, label in Member.Role.choices if value in allowed
        ]


class VillageForm(SideBySideMixin, forms.ModelForm):
    class Meta:
        model = Village
        # "demo entry" is set by the demo seed only: what staff enter is real.
        fields = [name for name in VILLAGE_FIELDS if name != "is_demo"]


class CharterForm(SideBySideMixin, forms.ModelForm):
    class Meta:
        model = Charter
        fields = ["title_ky", "title_ru", "adopted_on", "adopted_by_ky", "adopted_by_ru", "file"]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "file": forms.FileInput(attrs={"accept": ".pdf,.docx,.odt"}),
        }


class MergeForm(SideBySideMixin, forms.Form):
    """Record a consolidation of the 2024 reform: the new unit from its predecessors."""

    predecessors = forms.ModelMultipleChoiceField(
        label=_("Units merged"),
        queryset=Municipality.objects.none(),
        to_field_name="slug",
        help_text=_("The units that ceased to exist and formed the new one (at least two)."),
    )
    date = forms.DateField(
        label=_("Date of the merger"), widget=forms.DateInput(attrs={"type": "date"})
    )
    name_ky = forms.CharField(label=_("New name in Kyrgyz"), max_length=200, required=False)
    name_ru = forms.CharField(label=_("New name in Russian"), max_length=200)
    slug = forms.SlugField(
        label=_("Address name"), max_length=120,
        help_text=_("Latin letters, digits and hyphens, e.g. suimonkul-chokmorov-aa."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[
        (value, label) for value, label in Municipality.Kind.choices
        if value in Municipality.SELF_GOVERNING_KINDS
    ])
    soate = forms.CharField(label=_("SOATE code"), max_length=14, required=False)
    population = forms.IntegerField(label=_("Population"), min_value=0, required=False)
    population_year = forms.IntegerField(
        label=_("Population year"), min_value=1900, max_value=2100, required=False
    )
    population_basis = forms.ChoiceField(
        label=_("Kind of population figure"), required=False,
        choices=[("", "—"), *Municipality.PopulationBasis.choices],
        help_text=_("Citizens see this with the year, in their language."),
    )
    population_source = forms.CharField(
        label=_("Population source"), max_length=300, required=False,
        help_text=_("For administrators: where exactly the figure was found."),
    )
    note_ky = forms.CharField(label=_("Note in Kyrgyz"), max_length=300, required=False)
    note_ru = forms.CharField(label=_("Note in Russian"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessors"].queryset = (
            Municipality.objects.filter(
                kind__in=Municipality.SELF_GOVERNING_KINDS, valid_to__isnull=True
            )
            .select_related("parent")
            .order_by("parent__name_ru", "name_ru")
        )
        self.fields["predecessors"].label_from_instance = (
            lambda unit: f"{unit} ({unit.parent})" if unit.parent else str(unit)
        )
        self.fields["predecessors"].widget.attrs["size"] = 12

    def clean_predecessors(self):
        units = self.cleaned_data["predecessors"]
        if len(units) < 2:
            raise forms.ValidationError(_("Choose at least two units to merge."))
        if len({unit.parent_id for unit in units}) > 1:
            raise forms.ValidationError(
                _("The units lie in different rayons; record such a change in the admin.")
            )
        return units

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Municipality.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This address name is already taken."))
        return slug
