"""Views of best practices, success stories, news and the document library.

Public lists show published items only; a draft is a 404 to anyone who may not see it. The
editing views share one shape per kind of content (``KINDS``) and call the services.
"""

from dataclasses import dataclass
from dataclasses import field

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import files
from portal.htmx import vary_on_htmx
from portal.htmx import wants_fragment
from portal.permissions import can
from portal.permissions import permission_required
from portal.permissions import refuse
from portal.permissions import require
from portal.sections import SECTIONS_BY_KEY

from . import forms
from . import selectors
from . import services
from .models import Document
from .models import Editorial
from .models import NewsItem
from .models import Practice
from .models import PracticeAttachment
from .models import PracticePhoto
from .models import Status
from .models import Story
from .models import StoryPhoto
from .services import perm_name


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[Editorial]
    form: type
    namespace: str
    detail_name: str
    list_url_name: str
    formsets: tuple = field(default=())


KINDS = {
    "practice": Kind(
        "practice", Practice, forms.PracticeForm, "practices", "practices:detail",
        "practices:landing", (forms.FundingSourceFormSet, forms.ResultIndicatorFormSet),
    ),
    "story": Kind("story", Story, forms.StoryForm, "stories", "stories:detail", "stories:landing"),
    "news": Kind(
        "news", NewsItem, forms.NewsItemForm, "information", "information:news-detail",
        "information:news",
    ),
    "document": Kind(
        "document", Document, forms.DocumentForm, "information", "information:document-detail",
        "information:documents",
    ),
}

# Files served by ``download``: kind -> (model, attribute of the owning item or None for self).
FILE_KINDS = {
    "practice-photo": (PracticePhoto, "practice"),
    "practice-file": (PracticeAttachment, "practice"),
    "story-photo": (StoryPhoto, "story"),
    "document": (Document, None),
}


URL_PREFIX = {
    "practice": "practices:",
    "story": "stories:",
    "news": "information:news-",
    "document": "information:document-",
}
ACTIONS = {
    "practice": ("update", "submit", "review", "unpublish", "photo-add", "attachment-add"),
    "story": ("update", "submit", "review", "unpublish", "photo-add"),
    "news": ("update", "submit", "review", "unpublish"),
    "document": ("update", "submit", "review", "unpublish"),
}


def item_urls(kind: str, item) -> dict:
    """The addresses of the workflow actions of one item, for its templates."""
    if item is None or item.pk is None:
        return {}
    return {
        action.replace("-", "_"): reverse(f"{URL_PREFIX[kind]}{action}", kwargs={"pk": item.pk})
        for action in ACTIONS[kind]
    }


def _visible_or_404(request, item):
    """Drafts do not exist for those who may not see them."""
    if not can(request.user, perm_name(item, "view"), item):
        raise Http404
    return item


def _page(request, queryset):
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def _list_response(request, template: str, context: dict, *, landing_key: str | None = None):
    """Full page, or only the results fragment for htmx (same view, same template).

    Section landings extend portal/section_landing.html and get their ``section`` the way
    ``portal.views.section_landing`` gives it.
    """
    if landing_key:
        context = {"section": SECTIONS_BY_KEY[landing_key], **context}
    if wants_fragment(request):
        response = render(request, f"{template}#results", context)
    else:
        response = render(request, template, context)
    vary_on_htmx(response)
    return response


# --- Practices -----------------------------------------------------------------------------

def practice_landing(request):
    filters = forms.PracticeFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.practice_list(
        theme=data.get("theme", ""),
        municipality=filters.chosen_municipality(),
        q=data.get("q", ""),
        replicated=data.get("replicated", False),
        funding=data.get("funding", ""),
    )
    context = {
        "filters": filters,
        "page": _page(request, queryset),
        "themes": selectors.theme_counts(),
        "totals": selectors.practice_totals(),
        "filtered": bool(data and any(data.values())),
    }
    return _list_response(request, "practices/landing.html", context, landing_key="practices")


def practice_detail(request, pk: int):
    practice = _visible_or_404(
        request, get_object_or_404(selectors.practice_detail_queryset(), pk=pk)
    )
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "item": practice,
            "cost": selectors.practice_cost(practice),
            "related": selectors.practice_related(practice),
            "kind": "practice",
            "urls": item_urls("practice", practice),
        },
    )


# --- Stories -------------------------------------------------------------------------------

def story_landing(request):
    filters = forms.StoryFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.story_list(
        theme=data.get("theme", ""), municipality=filters.chosen_municipality(), q=data.get("q", "")
    )
    context = {
        "filters": filters,
        "page": _page(request, queryset),
        "filtered": bool(data and any(data.values())),
    }
    return _list_response(request, "practices/story_landing.html", context, landing_key="stories")


def story_detail(request, pk: int):
    story = _visible_or_404(request, get_object_or_404(selectors.story_detail_queryset(), pk=pk))
    return render(
        request,
        "practices/story_detail.html",
        {"story": story, "item": story, "related": selectors.story_related(story),
         "kind": "story", "urls": item_urls("story", story)},
    )


# --- Information exchange: news and documents ----------------------------------------------

def information_landing(request):
    return render(
        request,
        "practices/information_landing.html",
        {
            "section": SECTIONS_BY_KEY["information"],
            "latest_news": list(selectors.news_list(kind=NewsItem.Kind.NEWS)[:5]),
            "announcements": list(selectors.news_list(kind=NewsItem.Kind.ANNOUNCEMENT)[:3]),
            "latest_documents": list(selectors.document_list()[:5]),
            "document_types": selectors.document_type_counts(),
        },
    )


def news_list(request):
    filters = forms.NewsFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.news_list(
        kind=data.get("kind", ""),
        scope=data.get("scope", ""),
        municipality=filters.chosen_municipality(),
        year=data.get("year"),
        theme=data.get("theme", ""),
        q=data.get("q", ""),
    )
    context = {
        "filters": filters,
        "page": _page(request, queryset),
        "filtered": bool(data and any(data.values())),
    }
    return _list_response(request, "practices/news_list.html", context)


def news_detail(request, pk: int):
    item = _visible_or_404(
        request,
        get_object_or_404(selectors.news_detail_queryset(), pk=pk),
    )
    return render(
        request,
        "practices/news_detail.html",
        {"news": item, "item": item, "related": selectors.news_related(item), "kind": "news",
         "urls": item_urls("news", item)},
    )


def document_list(request):
    filters = forms.DocumentFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.document_list(
        doc_type=data.get("doc_type", ""),
        scope=data.get("scope", ""),
        municipality=filters.chosen_municipality(),
        year=data.get("year"),
        theme=data.get("theme", ""),
        q=data.get("q", ""),
    )
    context = {
        "filters": filters,
        "page": _page(request, queryset),
        "filtered": bool(data and any(data.values())),
    }
    return _list_response(request, "practices/document_list.html", context)


def document_detail(request, pk: int):
    document = _visible_or_404(
        request,
        get_object_or_404(selectors.document_detail_queryset(), pk=pk),
    )
    return render(
        request,
        "practices/document_detail.html",
        {
            "document": document,
            "item": document,
            "related": selectors.document_related(document),
            "kind": "document",
            "urls": item_urls("document", document),
        },
    )


# --- Writing and the editorial workflow (shared by every kind) ---------------------------

def edit(request, kind: str, pk: int | None = None):
    cfg = KINDS[kind]
    user = request.user
    if pk is None:
        item = cfg.model()
        require(request, f"practices.add_{cfg.model._meta.model_name}")
    else:
        item = get_object_or_404(selectors.item_queryset(cfg.model), pk=pk)
        if not can(user, perm_name(item, "change"), item):
            if not can(user, perm_name(item, "view"), item):
                raise Http404
            refuse(request, perm_name(item, "change"), item)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = cfg.form(data, files, instance=item, user=user)
    formsets = [
        formset_class(data, instance=item)
        for formset_class in cfg.formsets
    ]
    if request.method == "POST" and form.is_valid() and all(fs.is_valid() for fs in formsets):
        candidate = form.save(commit=False)
        require(request, perm_name(candidate, "change"), candidate)
        try:
            services.item_save(
                item=candidate,
                actor=user,
                children=formsets,
                upload=form.cleaned_data.get("upload") or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Saved. The item stays invisible to the public until an editor publishes it.")
                if not candidate.is_published
                else _("Saved."),
            )
            return redirect(candidate.get_absolute_url())
    if request.method == "POST":
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    return render(
        request,
        "practices/item_form.html",
        {
            "form": form,
            "formsets": formsets,
            "item": item,
            "kind": kind,
            "cancel_url": item.get_absolute_url() if item.pk else reverse(cfg.list_url_name),
            "form_title": {
                "practice": _("Describe a best practice"),
                "story": _("Tell a success story"),
                "news": _("Write news or an announcement"),
                "document": _("Add a document to the library"),
            }[kind],
        },
    )


def _workflow_item(request, kind: str, pk: int):
    cfg = KINDS[kind]
    item = get_object_or_404(selectors.item_queryset(cfg.model), pk=pk)
    _visible_or_404(request, item)
    return item


@require_POST
def submit(request, kind: str, pk: int):
    item = _workflow_item(request, kind, pk)
    require(request, perm_name(item, "submit"), item)
    services.item_submit(item=item, actor=request.user)
    messages.success(request, _("Submitted. An editor will review it."))
    return redirect(item.get_absolute_url())


@require_POST
def unpublish(request, kind: str, pk: int):
    item = _workflow_item(request, kind, pk)
    require(request, perm_name(item, "unpublish"), item)
    services.item_unpublish(item=item, actor=request.user)
    messages.success(request, _("Taken back to draft: the public no longer sees it."))
    return redirect(item.get_absolute_url())


def review(request, kind: str, pk: int):
    item = _workflow_item(request, kind, pk)
    require(request, perm_name(item, "review"), item)
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == forms.ReviewForm.PUBLISH:
            services.item_publish(item=item, actor=request.user)
            messages.success(request, _("Published."))
        else:
            services.item_return(
                item=item, actor=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Returned to the author with your comment."))
        return redirect(item.get_absolute_url())
    return render(
        request,
        "practices/review_form.html",
        {"form": form, "item": item, "kind": kind, "urls": item_urls(kind, item)},
    )


def add_file(request, kind: str, pk: int, what: str):
    """Add a photo (practice or story) or an attachment (practice)."""
    item = _workflow_item(request, kind, pk)
    require(request, perm_name(item, "change"), item)
    form_class = forms.PhotoForm if what == "photo" else forms.AttachmentForm
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if what == "photo":
            services.photo_add(
                owner=item, upload=data["upload"], actor=request.user,
                caption_ky=data["caption_ky"], caption_ru=data["caption_ru"],
            )
            messages.success(request, _("The photo was added."))
        else:
            services.attachment_add(
                practice=item, upload=data["upload"], actor=request.user,
                title_ky=data["title_ky"], title_ru=data["title_ru"],
            )
            messages.success(request, _("The file was attached."))
        return redirect(item.get_absolute_url())
    if request.method == "POST":
        messages.error(request, _("The file was not accepted: see the message below."))
    return render(
        request,
        "practices/upload_form.html",
        {"form": form, "item": item, "what": what, "kind": kind,
         "urls": item_urls(kind, item)},
    )


def _stored_file(kind: str, pk: int):
    if kind not in FILE_KINDS:
        raise Http404
    model, owner_attr = FILE_KINDS[kind]
    stored = get_object_or_404(selectors.stored_file_queryset(model, owner_attr), pk=pk)
    owner = getattr(stored, owner_attr) if owner_attr else stored
    return stored, owner


def download(request, kind: str, pk: int):
    """Every file is a download under its cleaned original name, never rendered inline."""
    stored, owner = _stored_file(kind, pk)
    _visible_or_404(request, owner)
    return files.serve(
        request,
        stored.file,
        filename=stored.original_name,
        content_type=stored.content_type,
        private=not owner.is_published,
    )


@require_POST
def remove_file(request, kind: str, pk: int):
    stored, owner = _stored_file(kind, pk)
    if kind == "document":
        raise Http404  # a document's file is replaced through its form, never removed
    _visible_or_404(request, owner)
    require(request, perm_name(owner, "change"), owner)
    services.file_remove(stored=stored, owner=owner, actor=request.user)
    messages.success(request, _("The file was removed."))
    return redirect(owner.get_absolute_url())


@permission_required("practices.use_desk")
def desk(request):
    """The editorial desk: what waits for review, and one's own municipality's drafts."""
    is_editor = can(request.user, "practices.review_any")
    return render(
        request,
        "practices/desk.html",
        {
            "queue": selectors.desk_items(request.user, review_queue=True) if is_editor else [],
            "own": selectors.desk_items(request.user, review_queue=False),
            "is_editor": is_editor,
            "statuses": Status,
        },
    )
