from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Action
from .models import Cycle
from .models import Evaluation
from .models import Findings
from .models import Indicator
from .models import MonitoringAct
from .models import MunicipalResponse
from .models import PlanItem
from .uploads import checked_upload

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActForm(forms.ModelForm):
    class Meta:
        model = MonitoringAct
        fields = ["title", "place", "visited_on"]
        widgets = {"visited_on": DATE}


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["indicator", "value", "evidence", "observed_on", "method", "place"]
        widgets = {"observed_on": DATE, "evidence": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "value": _(
                "Score 1–5; percentage 0–100; yes = 1, no = 0; counts as whole numbers."
            ),
        }

    def __init__(self, *args, act=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.act = act
        cycle = act.cycle if act is not None else None
        planned = Indicator.objects.filter(is_active=True).select_related("area")
        if cycle is not None:
            planned_ids = cycle.plan_items.values("indicator_id")
            planned = planned.filter(pk__in=planned_ids) if cycle.plan_items.exists() else planned
        self.fields["indicator"].queryset = planned
        self.fields["method"].required = False
        self.fields["method"].help_text = _("Leave empty to use the indicator's own method.")

    def clean_method(self):
        method = self.cleaned_data.get("method")
        indicator = self.cleaned_data.get("indicator")
        if not method and indicator is not None:
            method = indicator.method
        return method

    def clean(self):
        data = super().clean()
        indicator = data.get("indicator")
        if self.act is not None and indicator is not None:
            taken = self.act.evaluations.filter(indicator=indicator)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("indicator", _("This act already has an evaluation of it."))
        return data


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("JPEG, PNG, WebP or PDF, up to 5 MB. The file gets a new name on upload."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        checked_upload(upload)  # raises a ValidationError with a clear message
        return upload


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return with comments"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=pgettext_lazy("review", "Comments"), required=False, widget=forms.Textarea
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the author should change."))
        return data


class DissentForm(forms.Form):
    text = forms.CharField(
        label=_("Dissenting opinion"),
        widget=forms.Textarea,
        help_text=_("Published together with the results of the cycle."),
    )


class FindingsForm(forms.ModelForm):
    class Meta:
        model = Findings
        fields = [
            "works_well_ky", "works_well_ru", "does_not_work_ky", "does_not_work_ru",
            "help_needed_ky", "help_needed_ru", "recommendations_ky", "recommendations_ru",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class ResponseForm(forms.ModelForm):
    class Meta:
        model = MunicipalResponse
        fields = ["text_ky", "text_ru"]

    def clean(self):
        data = super().clean()
        if not (data.get("text_ky") or data.get("text_ru")):
            raise forms.ValidationError(_("Write the response in at least one language."))
        return data


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["text_ky", "text_ru", "responsible_ky", "responsible_ru", "deadline"]
        widgets = {"deadline": DATE}

    def clean(self):
        data = super().clean()
        if not (data.get("text_ky") or data.get("text_ru")):
            raise forms.ValidationError(_("Describe the action in at least one language."))
        if not (data.get("responsible_ky") or data.get("responsible_ru")):
            raise forms.ValidationError(_("Name who is responsible."))
        return data


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


class CycleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["title_ky", "title_ru", "period_start", "period_end", "schedule_ky",
                  "schedule_ru"]
        widgets = {"period_start": DATE, "period_end": DATE,
                   "schedule_ky": forms.Textarea(attrs={"rows": 3}),
                   "schedule_ru": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if not (data.get("title_ky") or data.get("title_ru")):
            raise forms.ValidationError(_("Give the cycle a title in at least one language."))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["indicator", "target", "scheduled_for", "objects_to_visit_ky",
                  "objects_to_visit_ru"]
        widgets = {"scheduled_for": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            is_active=True
        ).select_related("area")
