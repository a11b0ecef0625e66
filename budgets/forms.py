from typing import Any
from typing import cast

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseFormSet
from django.forms import formset_factory
from django.forms.formsets import DELETION_FIELD_NAME
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.files import StoredFileInput
from portal.uploads import CONTENT_MISMATCH
from portal.uploads import content_matches_name

from .importing import xlsx_available
from .models import NON_NEGATIVE
from .models import BudgetYear
from .models import CalendarStage
from .models import ClassificationCode
from .models import Transfer

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class BudgetYearForm(forms.ModelForm):
    class Meta:
        model = BudgetYear
        fields = ["year", "population", "note_ky", "note_ru"]
        labels = {"note_ky": _("Note in Kyrgyz"), "note_ru": _("Note in Russian")}
        widgets = {
            "note_ky": forms.Textarea(attrs={"rows": 3}),
            "note_ru": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ClassificationCode) -> str:
        return f"{obj.code} — {obj.name}"


class BudgetLineForm(forms.Form):
    """One line of the budget; codes come from the classification the portal keeps."""

    code = CodeChoiceField(
        label=_("Classification code"),
        queryset=ClassificationCode.objects.none(),
        to_field_name="code",
    )
    name_ky = forms.CharField(label=_("Name in Kyrgyz"), max_length=300, required=False)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=300, required=False)
    approved = forms.DecimalField(
        label=_("Approved, som"), max_digits=16, decimal_places=2, validators=NON_NEGATIVE
    )
    revised = forms.DecimalField(
        label=_("Revised, som"),
        max_digits=16,
        decimal_places=2,
        required=False,
        validators=NON_NEGATIVE,
    )
    executed = forms.DecimalField(
        label=_("Executed, som"),
        max_digits=16,
        decimal_places=2,
        required=False,
        validators=NON_NEGATIVE,
    )

    def __init__(
        self, *args: Any, codes: QuerySet[ClassificationCode] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        code_field = cast(CodeChoiceField, self.fields["code"])
        code_field.queryset = codes if codes is not None else ClassificationCode.objects.all()

    def as_line(self) -> dict[str, Any]:
        data = self.cleaned_data
        code = data["code"]
        return {
            "direction": code.direction,
            "category": code.category,
            "code": code.code,
            "name_ky": data.get("name_ky") or code.name_ky or "",
            "name_ru": data.get("name_ru") or code.name_ru or "",
            "approved": data["approved"],
            "revised": data.get("revised"),
            "executed": data.get("executed"),
        }


class BaseLineFormSet(BaseFormSet):
    def __init__(
        self, *args: Any, codes: QuerySet[ClassificationCode] | None = None, **kwargs: Any
    ) -> None:
        self.codes = codes
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "codes": self.codes}

    @property
    def empty_form(self):  # pragma: no cover - no script uses it
        return self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            codes=self.codes,
        )

    def kept_forms(self) -> list[BudgetLineForm]:
        """Existing lines (even unchanged) and new rows that were filled, minus deleted ones."""
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not form.cleaned_data.get(DELETION_FIELD_NAME, False)
        ]

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.kept_forms():
            code = form.cleaned_data["code"]
            if code.code in seen:
                form.add_error("code", _("This code is already used in another line."))
            seen.add(code.code)

    def lines(self) -> list[dict[str, Any]]:
        return [form.as_line() for form in self.kept_forms()]


# formset_factory is typed as returning the base class, not the class given as `formset`.
LineFormSet = cast(
    "type[BaseLineFormSet]",
    formset_factory(BudgetLineForm, formset=BaseLineFormSet, extra=5, can_delete=True),
)


class PublishForm(forms.Form):
    comment_ky = forms.CharField(
        label=_("What changed and why, in Kyrgyz"), max_length=500, required=False
    )
    comment_ru = forms.CharField(
        label=_("What changed and why, in Russian"), max_length=500, required=False
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.csv or .xlsx)"),
        help_text=_("Fill in the template offered on this page and upload it here."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        allowed = (".csv", ".xlsx") if xlsx_available() else (".csv",)
        if not name.endswith(allowed):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file made from the template."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


def _url_field(name: str) -> forms.URLField:
    field = CalendarStage._meta.get_field(name)
    assert isinstance(field, models.Field)
    return forms.URLField(
        label=field.verbose_name, help_text=field.help_text, required=False, assume_scheme="https"
    )


class CalendarStageForm(forms.ModelForm):
    document_url = _url_field("document_url")
    participation_url = _url_field("participation_url")

    class Meta:
        model = CalendarStage
        fields = [
            "stage",
            "due_date",
            "actual_date",
            "document",
            "document_url",
            "participation_url",
            "note_ky",
            "note_ru",
        ]
        labels = {"note_ky": _("Note in Kyrgyz"), "note_ru": _("Note in Russian")}
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "actual_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "document": StoredFileInput,
        }

    def __init__(self, *args, budget=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        if self.instance.pk and budget is not None:
            widget = self.fields["document"].widget
            assert isinstance(widget, StoredFileInput)
            widget.download_url = reverse(
                "budgets:stage-document",
                args=[budget.municipality.slug, budget.year, self.instance.pk],
            )

    def clean_document(self):
        """The extension is checked by the model; here the content must match it too."""
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):  # a new upload, not the stored file
            if document.size > 10 * 1024 * 1024:
                raise forms.ValidationError(_("The file is larger than 10 MB."))
            if not content_matches_name(document):
                raise forms.ValidationError(CONTENT_MISMATCH)
        return document

    def clean_stage(self):
        stage = self.cleaned_data["stage"]
        taken = CalendarStage.objects.filter(budget=self.budget, stage=stage)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This stage is already in the calendar."))
        return stage


class TransferForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = [
            "municipality",
            "year",
            "kind",
            "amount",
            "date",
            "purpose_ky",
            "purpose_ru",
            "legal_basis_ky",
            "legal_basis_ru",
        ]
        labels = {
            "purpose_ky": _("Purpose in Kyrgyz"),
            "purpose_ru": _("Purpose in Russian"),
            "legal_basis_ky": _("Legal basis in Kyrgyz"),
            "legal_basis_ru": _("Legal basis in Russian"),
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "municipality": forms.TextInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from municipalities.models import Municipality

        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(kind__in=Municipality.SELF_GOVERNING_KINDS)
        field.to_field_name = "slug"
        field.help_text = _("The address name of the recipient, e.g. tepkenskiy-aa.")
        if self.instance.pk:
            self.initial["municipality"] = self.instance.municipality.slug


class BudgetListFilterForm(forms.Form):
    """Filters of the list of published budgets (a plain GET form, works without JavaScript)."""

    oblast = forms.ChoiceField(label=_("Oblast"), required=False)
    rayon = forms.ChoiceField(label=_("Rayon"), required=False)
    municipality = forms.SlugField(
        label=_("Municipality (address name)"), required=False, max_length=100
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units, years, **kwargs):
        super().__init__(*args, **kwargs)
        oblasts = [(u.slug, str(u)) for u in units if u.kind in ("oblast", "city_republican")]
        rayons = [(u.slug, str(u)) for u in units if u.kind == "rayon"]
        self.fields["oblast"].choices = [("", _("all oblasts")), *oblasts]
        self.fields["rayon"].choices = [("", _("all rayons")), *rayons]
        self.fields["year"].choices = [("", _("all years")), *[(y, y) for y in years]]

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field never breaks the page."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
