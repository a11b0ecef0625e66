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
from portal.permissions import can
from portal.permissions import require

from . import selectors
from . import services
from .forms import AnswerForm
from .forms import FlagForm
from .forms import QuestionFilterForm
from .forms import QuestionForm
from .forms import ReasonForm
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
            "can_moderate": can(request.user, "questions.moderate_questions"),
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
            "can_flag": can(user, "questions.flag_question", question),
            "can_hide": can(user, "questions.hide_question", question),
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


def question_flag(request, pk: int):
    question = _question(request, pk)
    require(request, "questions.flag_question", question)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.question_flag(user=request.user, question=question, **form.cleaned_data)
        messages.success(request, _("Thank you: moderators will look at this question."))
        return redirect(question.get_absolute_url())
    return render(
        request,
        "questions/question_form.html",
        {"form": form, "question": question, "page_name": _("Report the question")},
    )


def question_hide(request, pk: int):
    question = _question(request, pk)
    require(request, "questions.hide_question", question)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.question_hide(
            actor=request.user, question=question, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The question has been hidden."))
        return redirect("questions:list")
    return render(
        request,
        "questions/question_form.html",
        {"form": form, "question": question, "page_name": _("Hide the question")},
    )


@require_POST
def question_dismiss(request, pk: int):
    question = _question(request, pk)
    require(request, "questions.hide_question", question)
    services.flags_dismiss(actor=request.user, question=question)
    messages.success(request, _("The flags have been dismissed."))
    return redirect("questions:moderation")


def moderation_queue(request):
    require(request, "questions.moderate_questions")
    page = Paginator(selectors.moderation_queue(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "questions/moderation.html", {"page": page})
