"""Forms of law-making."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from municipalities.models import Municipality
from participation.forms import DateTimeInput
from portal.permissions import can
from portal.text import ShortTextField

from .models import Draft
from .models import DraftComment
from .services import min_discussion_days


def split_clauses(text: str) -> list[str]:
    """Clauses are separated by an empty line."""
    blocks, current = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


class DraftForm(forms.ModelForm):
    clauses_ky = forms.CharField(
        label=_("Clauses in Kyrgyz"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("One clause per paragraph; separate clauses with an empty line."),
    )
    clauses_ru = forms.CharField(
        label=_("Clauses in Russian"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("The same clauses in the same order."),
    )

    class Meta:
        model = Draft
        fields = [
            "municipality",
            "title_ky",
            "title_ru",
            "explanatory_note_ky",
            "explanatory_note_ru",
            "discussion_starts_at",
            "discussion_ends_at",
        ]
        widgets = {
            "discussion_starts_at": DateTimeInput(),
            "discussion_ends_at": DateTimeInput(),
            "explanatory_note_ky": forms.Textarea(attrs={"rows": 5}),
            "explanatory_note_ru": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, with_clauses=True, **kwargs):
        super().__init__(*args, **kwargs)
        units = Municipality.objects.order_by("name")
        if not can(user, "lawmaking.manage_all_drafts"):
            units = units.filter(staff_memberships__user=user)
            self.fields["municipality"].required = True
        self.fields["municipality"].queryset = units
        if self.instance.pk:
            self.fields["municipality"].disabled = True
        if not with_clauses:
            del self.fields["clauses_ky"]
            del self.fields["clauses_ru"]
        days = min_discussion_days()
        self.fields["discussion_ends_at"].help_text = ngettext(
            "The discussion lasts at least %(days)s calendar day (the minimum set by the site "
            "administrators).",
            "The discussion lasts at least %(days)s calendar days (the minimum set by the site "
            "administrators).",
            days,
        ) % {"days": days}

    def clean(self):
        data = super().clean()
        if not (data.get("title_ky") or data.get("title_ru")):
            self.add_error("title_ky", _("Give the title in at least one language."))
        starts, ends = data.get("discussion_starts_at"), data.get("discussion_ends_at")
        if starts and ends and ends <= starts:
            self.add_error("discussion_ends_at", _("The discussion must end after it starts."))
        if "clauses_ky" in self.fields:
            ky = split_clauses(data.get("clauses_ky", ""))
            ru = split_clauses(data.get("clauses_ru", ""))
            if not ky and not ru:
                self.add_error("clauses_ky", _("A draft needs at least one clause."))
            elif ky and ru and len(ky) != len(ru):
                self.add_error(
                    "clauses_ru", _("Both languages must have the same number of clauses.")
                )
            count = max(len(ky), len(ru))
            ky += [""] * (count - len(ky))
            ru += [""] * (count - len(ru))
            data["clauses"] = list(zip(ky, ru, strict=True))
        return data


class ReviseForm(forms.Form):
    """One pair of fields per clause of the current text, plus new clauses at the end."""

    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args, texts, **kwargs):
        super().__init__(*args, **kwargs)
        self.texts = texts
        for text in texts:
            self.fields[f"clause_{text.clause_id}_ky"] = forms.CharField(
                label=_("Clause %(number)s in Kyrgyz") % {"number": text.number},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=text.text_ky,
                help_text=_("Empty in both languages: the clause is removed."),
            )
            self.fields[f"clause_{text.clause_id}_ru"] = forms.CharField(
                label=_("Clause %(number)s in Russian") % {"number": text.number},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=text.text_ru,
            )
        self.fields["new_ky"] = forms.CharField(
            label=_("New clauses in Kyrgyz"),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
            help_text=_("One clause per paragraph; separate clauses with an empty line."),
        )
        self.fields["new_ru"] = forms.CharField(
            label=_("New clauses in Russian"),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
        )

    def clean(self):
        data = super().clean()
        clauses = [
            (
                t.clause,
                data.get(f"clause_{t.clause_id}_ky", ""),
                data.get(f"clause_{t.clause_id}_ru", ""),
            )
            for t in self.texts
        ]
        ky, ru = split_clauses(data.get("new_ky", "")), split_clauses(data.get("new_ru", ""))
        if ky and ru and len(ky) != len(ru):
            self.add_error("new_ru", _("Both languages must have the same number of clauses."))
        count = max(len(ky), len(ru))
        ky += [""] * (count - len(ky))
        ru += [""] * (count - len(ru))
        clauses += [(None, k, r) for k, r in zip(ky, ru, strict=True)]
        if not any(k.strip() or r.strip() for _c, k, r in clauses):
            raise ValidationError(_("A draft needs at least one clause."))
        data["clauses"] = clauses
        return data


class DraftCommentForm(forms.Form):
    clause = forms.TypedChoiceField(label=_("About"), coerce=int, required=False, empty_value=None)
    text = ShortTextField(
        label=_("Your proposal or comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, texts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", _("The whole draft"))] + [
            (t.clause_id, _("Clause %(number)s") % {"number": t.number}) for t in texts
        ]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write your comment."))
        return text


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DraftComment.Decision.choices)
    reason_ky = forms.CharField(
        label=_("Reason in Kyrgyz"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason_ru = forms.CharField(
        label=_("Reason in Russian"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        if not ((data.get("reason_ky") or "").strip() or (data.get("reason_ru") or "").strip()):
            raise ValidationError(_("Give the reason for the decision."))
        return data


class AdoptForm(forms.ModelForm):
    decision_url = forms.URLField(
        label=_("link to the council decision"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Draft
        fields = [
            "adopted_text_ky",
            "adopted_text_ru",
            "decision_number",
            "decision_date",
            "decision_url",
        ]
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        if not (data.get("adopted_text_ky") or data.get("adopted_text_ru")):
            self.add_error("adopted_text_ky", _("Give the adopted text in at least one language."))
        for field in ("decision_number", "decision_date"):
            if not data.get(field):
                self.add_error(field, _("This field is required."))
        return data


class RegistryFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("Any status"))] + [
        (value, label) for value, label in Draft.Status.choices if value != Draft.Status.DRAFT
    ]
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    date_from = forms.DateField(
        label=_("Discussion from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Discussion to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [
            ("", _("All")),
            ("national", _("National drafts")),
        ] + [(str(pk), name) for pk, name in units]
