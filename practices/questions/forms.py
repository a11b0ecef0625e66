"""Forms of citizens' questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from portal.text import ShortTextField


class QuestionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        to_field_name="slug",
    )
    title = ShortTextField(label=_("Subject"), max_length=200, multiline=False)
    text = ShortTextField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Your question and the answer are public. The municipality has 14 days to answer."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your question."))
        return text


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6})
    )


class QuestionFilterForm(forms.Form):
    STATES = [
        ("", _("All questions")),
        ("open", _("Waiting for an answer")),
        ("overdue", _("Overdue")),
        ("answered", _("Answered")),
    ]
    municipality = forms.SlugField(
        label=_("Municipality"), required=False, widget=forms.HiddenInput
    )
    state = forms.ChoiceField(label=_("Status"), choices=STATES, required=False)
