"""Pages of citizens' questions under /information/questions/."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.selectors import unit_by_slug
from portal.moderation import views as moderation_views
from portal.permissions import can
from portal.permissions import require

from . import selectors
from . import services
from .forms import AnswerForm
from .forms import QuestionFilterForm
from .forms import QuestionForm
from .models import Question


def _question(request, pk: int) -> Question:
    question = selectors.question_for_page(pk)
    if question is None or not can(request.user, "questions.view_question", question):
        raise Http404
    return question


def question_list(request):
    form = QuestionFilterForm(request.GET or None)
    municipality, state = None, ""
    if form.is_valid():
        state = form.cleaned_data["state"]
        slug = form.cleaned_data["municipality"]
        if slug:
            municipality = unit_by_slug(slug)
    page = Paginator(
        selectors.questions_list(municipality=municipality, state=state), settings.PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "questions/question_list.html",
        {
            "form": form,
            "page": page,
            "municipality": municipality,
            "counts": selectors.question_counts(municipality) if municipality else None,
            "can_ask": can(request.user, "questions.add_question"),
            "can_moderate": can(request.user, "moderation.view_queue"),
        },
    )


def question_detail(request, pk: int):
    question = _question(request, pk)
    user = request.user
    return render(
        request,
        "questions/question_detail.html",
        {
            "question": question,
            "can_answer": can(user, "questions.answer_question", question),
            "can_flag": can(user, "moderation.flag_item", question),
            "can_hide": can(user, "moderation.hide_item", question),
        },
    )


def question_ask(request):
    require(request, "questions.add_question")
    initial = {}
    wanted = request.GET.get("municipality") or getattr(
        request.user.home_municipality, "slug", None
    )
    if wanted:
        initial["municipality"] = wanted
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your question has been published."))
            return redirect(question.get_absolute_url())
    return render(
        request,
        "questions/question_form.html",
        {"form": form, "page_name": _("Ask a question")},
    )


def question_answer(request, pk: int):
    question = _question(request, pk)
    require(request, "questions.answer_question", question)
    form = AnswerForm(request.POST or None, initial={"answer": question.answer})
    if request.method == "POST" and form.is_valid():
        services.question_answer(
            user=request.user, question=question, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("The answer has been published."))
        return redirect(question.get_absolute_url())
    return render(
        request,
        "questions/question_form.html",
        {"form": form, "question": question, "page_name": _("Answer the question")},
    )


# Flagging, hiding and dismissing: the moderation core's pages, at the addresses questions
# always had (restoring is the core's own address).
KIND = Question._meta.label_lower


def question_flag(request, pk: int):
    return moderation_views.flag(request, kind=KIND, pk=pk)


def question_hide(request, pk: int):
    return moderation_views.hide(request, kind=KIND, pk=pk)


@require_POST
def question_dismiss(request, pk: int):
    return moderation_views.dismiss(request, kind=KIND, pk=pk)
