"""Forms: content in both languages (at least one filled), files checked by content, filters."""

from typing import Any
from typing import cast

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from portal.i18n import language_name
from portal.permissions import can

from . import selectors
from .models import Document
from .models import FundingSource
from .models import NewsItem
from .models import Practice
from .models import ResultIndicator
from .models import Story
from .models import Theme
from .uploads import DOCUMENT_TYPES
from .uploads import FILE_MAX_SIZE
from .uploads import PHOTO_MAX_SIZE
from .uploads import PHOTO_TYPES
from .uploads import check_upload

LANGS = [code for code, _name in settings.LANGUAGES]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _is_editor(user) -> bool:
    return can(user, "practices.review_any")


def municipalities_for(user):
    """Where this person may write: their own units; editors anywhere."""
    if _is_editor(user):
        return Municipality.objects.filter(
            kind__in=Municipality.SELF_GOVERNING_KINDS
        ).order_by("name")
    return Municipality.objects.filter(staff_memberships__user=user).order_by("name")


class BilingualMixin(forms.BaseModelForm):
    """Labels '<field> (Кыргызча)'; required content needs at least one language."""

    translated_fields: tuple[str, ...] = ()
    required_translated: tuple[str, ...] = ()
    rich_fields: tuple[str, ...] = ()

    def setup_bilingual(self) -> None:
        for base in self.translated_fields:
            model_field = self._meta.model._meta.get_field(base)
            for code in LANGS:
                name = f"{base}_{code}"
                if name not in self.fields:
                    continue
                field = self.fields[name]
                field.required = False
                field.label = f"{capfirst(model_field.verbose_name)} ({language_name(code)})"
                if base in self.rich_fields:
                    field.help_text = _(
                        "Paragraphs, bold, italic, lists and links (http/https only) are kept; "
                        "everything else is removed."
                    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for base in self.required_translated:
            if not any((cleaned.get(f"{base}_{code}") or "").strip() for code in LANGS):
                self.add_error(
                    f"{base}_{LANGS[0]}",
                    _("Fill this in at least one language."),
                )
        return cleaned


def _pairs(*bases: str) -> list[str]:
    return [f"{base}_{code}" for base in bases for code in LANGS]


class MunicipalityFieldMixin(forms.BaseForm):
    municipality_required = True

    def setup_municipality(self, user) -> None:
        field = cast(forms.ModelChoiceField, self.fields["municipality"])
        field.queryset = municipalities_for(user)
        field.required = self.municipality_required or not _is_editor(user)
        if not field.required:
            field.empty_label = _("— national (no municipality) —")
        else:
            field.empty_label = None if field.queryset.count() == 1 else "—"


class PracticeForm(BilingualMixin, MunicipalityFieldMixin, forms.ModelForm):
    translated_fields = (
        "title", "summary", "problem", "solution", "steps", "resources", "results",
        "contact_position",
    )
    required_translated = (
        "title", "summary", "problem", "solution", "steps", "results", "contact_position",
    )
    rich_fields = ("problem", "solution", "resources", "results")

    class Meta:
        model = Practice
        fields = [
            "municipality", "theme", "original",
            *_pairs("title", "summary", "problem", "solution", "steps", "resources", "results"),
            "started_on", "duration_months", "contact_name", *_pairs("contact_position"),
            "contact_phone", "contact_email",
        ]
        widgets = {
            "started_on": DATE_WIDGET,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in _pairs("summary")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bilingual()
        self.setup_municipality(user)
        self.fields["original"].queryset = selectors.practice_choices_for_replication(
            exclude=self.instance
        )
        self.fields["original"].label_from_instance = (
            lambda p: f"{p.title} — {p.municipality}"
        )

    def clean(self):
        cleaned = super().clean()
        original, municipality = cleaned.get("original"), cleaned.get("municipality")
        if original and municipality and original.municipality_id == municipality.pk:
            self.add_error(
                "original",
                _("A replication links to a practice of another municipality."),
            )
        return cleaned


class FundingSourceForm(BilingualMixin, forms.ModelForm):
    translated_fields = ("name",)

    class Meta:
        model = FundingSource
        fields = ["kind", *_pairs("name"), "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bilingual()


class ResultIndicatorForm(BilingualMixin, forms.ModelForm):
    translated_fields = ("label", "unit")

    class Meta:
        model = ResultIndicator
        fields = [*_pairs("label", "unit"), "before", "after"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bilingual()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("after") is not None and not any(
            cleaned.get(f"label_{code}") for code in LANGS
        ):
            self.add_error(f"label_{LANGS[0]}", _("Name the indicator in at least one language."))
        return cleaned


FundingSourceFormSet = forms.inlineformset_factory(
    Practice, FundingSource, form=FundingSourceForm, extra=2, can_delete=True, max_num=20
)
ResultIndicatorFormSet = forms.inlineformset_factory(
    Practice, ResultIndicator, form=ResultIndicatorForm, extra=2, can_delete=True, max_num=20
)


class StoryForm(BilingualMixin, MunicipalityFieldMixin, forms.ModelForm):
    translated_fields = ("title", "lead", "body", "told_by")
    required_translated = ("title", "lead", "body")
    rich_fields = ("body",)

    class Meta:
        model = Story
        fields = [
            "municipality", "practice", "theme", *_pairs("title", "lead", "body", "told_by"),
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in _pairs("lead")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bilingual()
        self.setup_municipality(user)
        self.fields["practice"].queryset = Practice.objects.published().select_related(
            "municipality"
        ).order_by("title")
        self.fields["practice"].label_from_instance = (
            lambda p: f"{p.title} — {p.municipality}"
        )


class NewsItemForm(BilingualMixin, MunicipalityFieldMixin, forms.ModelForm):
    municipality_required = False
    translated_fields = ("title", "summary", "body")
    required_translated = ("title", "summary", "body")
    rich_fields = ("body",)

    class Meta:
        model = NewsItem
        fields = ["kind", "municipality", "theme", *_pairs("title", "summary", "body")]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in _pairs("summary")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bilingual()
        self.setup_municipality(user)


class DocumentForm(BilingualMixin, MunicipalityFieldMixin, forms.ModelForm):
    municipality_required = False
    translated_fields = ("title", "issuer", "description")
    required_translated = ("title", "issuer")
    rich_fields = ("description",)

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG, at most 10 MB."),
    )

    class Meta:
        model = Document
        fields = [
            "doc_type", "municipality", "theme", *_pairs("title"), "number", "adopted_on",
            *_pairs("issuer", "description"),
        ]
        widgets = {"adopted_on": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bilingual()
        self.setup_municipality(user)
        self.fields["upload"].required = not self.instance.pk

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_upload(upload, allowed=DOCUMENT_TYPES, max_size=FILE_MAX_SIZE)
        return upload


class PhotoForm(forms.Form):
    upload = forms.FileField(
        label=_("Photo"), help_text=_("PNG, JPEG or WebP, at most 5 MB.")
    )
    caption_ky = forms.CharField(max_length=200, required=False)
    caption_ru = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        caption = _("Caption")
        for code in LANGS:
            self.fields[f"caption_{code}"].label = f"{caption} ({language_name(code)})"

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        check_upload(upload, allowed=PHOTO_TYPES, max_size=PHOTO_MAX_SIZE)
        return upload


class AttachmentForm(forms.Form):
    upload = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG, at most 10 MB.")
    )
    title_ky = forms.CharField(max_length=200, required=False)
    title_ru = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        title = _("Title")
        for code in LANGS:
            self.fields[f"title_{code}"].label = f"{title} ({language_name(code)})"

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        check_upload(upload, allowed=DOCUMENT_TYPES, max_size=FILE_MAX_SIZE)
        return upload


class ReviewForm(forms.Form):
    PUBLISH, RETURN = "publish", "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(PUBLISH, _("Publish it")), (RETURN, _("Return to the author with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return the item."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what the author should change."))
        return cleaned


# --- Filters (GET) -------------------------------------------------------------------------

def _theme_choices():
    return [("", _("All themes")), *Theme.choices]


class _MunicipalityFilterMixin(forms.BaseForm):
    def set_municipalities(self, queryset) -> None:
        choices = [(unit.slug, str(unit)) for unit in queryset]
        # A link from a profile names its municipality even when it has nothing of this kind.
        asked = (self.data.get("municipality") or "") if self.is_bound else ""
        if asked and asked not in {slug for slug, _name in choices}:
            unit = Municipality.objects.filter(slug=asked).first()
            if unit is not None:
                choices.append((unit.slug, str(unit)))
        field = cast(forms.ChoiceField, self.fields["municipality"])
        field.choices = [("", _("All municipalities")), *choices]

    def chosen_municipality(self) -> Municipality | None:
        slug = self.cleaned_data.get("municipality") if self.is_valid() else ""
        if not slug:
            return None
        return Municipality.objects.filter(slug=slug).first()


class PracticeFilterForm(_MunicipalityFilterMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    funding = forms.ChoiceField(label=_("Funding source"), required=False)
    replicated = forms.BooleanField(label=_("Only practices replicated elsewhere"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = _theme_choices()
        self.fields["funding"].choices = [("", _("Any source")), *FundingSource.Kind.choices]
        self.set_municipalities(selectors.municipalities_with(Practice))


class StoryFilterForm(_MunicipalityFilterMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = _theme_choices()
        self.set_municipalities(selectors.municipalities_with(Story))


SCOPE_CHOICES = [
    ("", _("National and local")),
    ("national", _("National only")),
    ("local", _("Municipalities only")),
]


class NewsFilterForm(_MunicipalityFilterMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    scope = forms.ChoiceField(label=_("Scope"), required=False, choices=SCOPE_CHOICES)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("News and announcements")), *NewsItem.Kind.choices]
        self.fields["theme"].choices = _theme_choices()
        self.fields["year"].choices = [("", _("Any year"))] + [
            (year, year) for year in selectors.news_years()
        ]
        self.set_municipalities(selectors.municipalities_with(NewsItem))


class DocumentFilterForm(_MunicipalityFilterMixin, forms.Form):
    q = forms.CharField(label=_("Search by title, number or issuer"), required=False,
                        max_length=100)
    doc_type = forms.ChoiceField(label=_("Document type"), required=False)
    scope = forms.ChoiceField(label=_("Scope"), required=False, choices=SCOPE_CHOICES)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = [("", _("All types")), *Document.Type.choices]
        self.fields["theme"].choices = _theme_choices()
        self.fields["year"].choices = [("", _("Any year"))] + [
            (year, year) for year in selectors.document_years()
        ]
        self.set_municipalities(selectors.municipalities_with(Document))
