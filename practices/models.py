"""Best practices, success stories, news and the document library.

Everything here follows one editorial workflow (``Editorial``): municipal staff write a draft
for their own municipality and submit it; a site-wide editor publishes it or returns it with a
comment. Only published items are ever shown to the public. Rich text is sanitised by the
services before it is stored (``practices.sanitize``); files are checked by their content and
stored under generated names (``practices.uploads``).
"""

from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel

from .uploads import upload_to


class Theme(models.TextChoices):
    WATER = "water", _("Drinking water and irrigation")
    WASTE = "waste", _("Waste collection and cleanliness")
    BUDGET = "budget", _("Local budget and participatory budgeting")
    REVENUE = "revenue", _("Local revenues and economy")
    INFRASTRUCTURE = "infrastructure", _("Roads, lighting and infrastructure")
    EDUCATION = "education", _("Education and youth")
    SOCIAL = "social", _("Social services and inclusion")
    TRANSPARENCY = "transparency", _("Transparency and civic participation")
    ENVIRONMENT = "environment", _("Environment and land")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")


class EditorialQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(status=Status.PUBLISHED)


class Editorial(TimeStampedModel):
    """The editorial workflow shared by every kind of content in this app."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(
        _("editor's comment"),
        blank=True,
        help_text=_("What the author should change before the item can be published."),
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_editable_by_author(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)

    def get_absolute_url(self) -> str:
        raise NotImplementedError  # every kind of content has its own page


class Practice(Editorial):
    """A best practice told as a structured case, so that another municipality can repeat it."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    original = models.ForeignKey(
        "self",
        verbose_name=_("replicates the practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
        help_text=_("If your municipality adopted a practice from another one, link it here."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    problem = models.TextField(_("the problem"))
    solution = models.TextField(_("the solution"))
    steps = models.TextField(
        _("steps taken"), help_text=_("One step per line, in the order they were taken.")
    )
    resources = models.TextField(_("resources used"), blank=True)
    results = models.TextField(_("results"))
    started_on = models.DateField(_("started on"))
    duration_months = models.PositiveSmallIntegerField(
        _("duration, months"), validators=[MinValueValidator(1)]
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_position = models.CharField(_("contact person's position"), max_length=200)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["-published_at", "-created"]
        indexes = [
            models.Index(fields=["status", "theme", "-published_at"]),
            models.Index(fields=["municipality", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"pk": self.pk})

    def steps_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in (self.steps or "").splitlines() if line.strip()]


class FundingSource(models.Model):
    """Where the money for a practice came from; the cost is their sum."""

    class Kind(models.TextChoices):
        LOCAL_BUDGET = "local_budget", _("local budget")
        REPUBLICAN_BUDGET = "republican_budget", _("republican budget (transfer or grant)")
        DONOR = "donor", _("donor or international project")
        COMMUNITY = "community", _("community contribution")
        PRIVATE = "private", _("private business")
        OTHER = "other", _("other")

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
    )
    kind = models.CharField(_("source"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name of the source"), max_length=200, blank=True,
        help_text=_("For example the donor project or the budget programme."),
    )
    amount = models.DecimalField(
        _("amount, som"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["-amount", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="practices_funding_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount}"


class ResultIndicator(models.Model):
    """A result told with numbers: the value before and after the practice."""

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    label = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    before = models.DecimalField(
        _("before"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    after = models.DecimalField(_("after"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label


class StoredFile(models.Model):
    """A file checked by its content and kept under a generated name."""

    file = models.FileField(_("file"), upload_to=upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("type of content"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))

    class Meta:
        abstract = True

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class PracticePhoto(StoredFile):
    practice = models.ForeignKey(
        Practice, verbose_name=_("best practice"), on_delete=models.CASCADE, related_name="photos"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.original_name

    def get_absolute_url(self) -> str:
        return reverse("practices:file", kwargs={"kind": "practice-photo", "pk": self.pk})


class PracticeAttachment(StoredFile):
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:file", kwargs={"kind": "practice-file", "pk": self.pk})


class Story(Editorial):
    """A success story: a narrative told by the people of a municipality."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="success_stories",
    )
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("best practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text=_("The best practice this story is about, if there is one."),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=600)
    body = models.TextField(_("story"))
    told_by = models.CharField(_("told by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")
        ordering = ["-published_at", "-created"]
        indexes = [
            models.Index(fields=["status", "theme", "-published_at"]),
            models.Index(fields=["municipality", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stories:detail", kwargs={"pk": self.pk})


class StoryPhoto(StoredFile):
    story = models.ForeignKey(
        Story, verbose_name=_("success story"), on_delete=models.CASCADE, related_name="photos"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.original_name

    def get_absolute_url(self) -> str:
        return reverse("practices:file", kwargs={"kind": "story-photo", "pk": self.pk})


class NewsItem(Editorial):
    """News or an announcement: national (no municipality) or of one municipality."""

    class Kind(models.TextChoices):
        NEWS = "news", _("news")
        ANNOUNCEMENT = "announcement", _("announcement")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.NEWS)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="news_items",
        help_text=_("Leave empty for national news."),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-created"]
        indexes = [
            models.Index(fields=["status", "kind", "-published_at"]),
            models.Index(fields=["municipality", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("information:news-detail", kwargs={"pk": self.pk})

    @property
    def is_national(self) -> bool:
        return self.municipality_id is None


class Document(Editorial, StoredFile):
    """A document of the library: a law, a regulation, a methodology or a template."""

    class Type(models.TextChoices):
        LAW = "law", _("law")
        REGULATION = "regulation", _("regulation (resolution, order)")
        LOCAL_ACT = "local_act", _("local act (kenesh resolution)")
        METHODOLOGY = "methodology", _("methodology or guide")
        TEMPLATE = "template", _("template")

    doc_type = models.CharField(_("document type"), max_length=15, choices=Type.choices)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_documents",
        help_text=_("Leave empty for national documents."),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=50, blank=True)
    adopted_on = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-adopted_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "doc_type", "-adopted_on"]),
            models.Index(fields=["municipality", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("information:document-detail", kwargs={"pk": self.pk})

    def get_download_url(self) -> str:
        return reverse("practices:file", kwargs={"kind": "document", "pk": self.pk})
