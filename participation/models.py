"""Civic participation: events municipalities hold, and what residents do around them.

An ``Event`` (hearing, kurultai, assembly...) belongs to one municipality and walks a life
cycle from draft to results. Residents comment, choose one of its alternatives and say they
will attend; staff record offline tallies and aggregate attendance (never a person's
ethnicity), which the balance selectors compare with the population's structure.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import FileExtensionValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from portal.moderation.models import Hideable
from portal.uploads import GeneratedName

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        PUBLIC_HEARING = "public_hearing", _("public hearing")
        BUDGET_HEARING = "budget_hearing", _("budget hearing")
        KURULTAI = "kurultai", _("kurultai")
        VILLAGE_ASSEMBLY = "village_assembly", _("village assembly")
        CONSULTATION = "consultation", _("consultation or focus group")
        COUNCIL_SESSION = "council_session", _("council session")
        TRAINING = "training", _("training")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        OPEN = "open", _("open for comments and choice")
        HELD = "held", _("held")
        RESULTS = "results", _("results published")
        CANCELLED = "cancelled", _("cancelled")

    PUBLIC_STATUSES = (
        Status.PUBLISHED,
        Status.OPEN,
        Status.HELD,
        Status.RESULTS,
        Status.CANCELLED,
    )

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    # The Village model is being built in the municipalities app; a free-text place until then.
    place = models.CharField(_("place (village, address)"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    choice_closes_at = models.DateTimeField(
        _("choice closes at"),
        null=True,
        blank=True,
        help_text=_("Residents may change their choice until then. Empty: until the event starts."),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    protocol = models.FileField(
        _("protocol"),
        upload_to=GeneratedName("participation/protocols"),
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["municipality", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def choice_deadline(self):
        return self.choice_closes_at or self.starts_at

    @property
    def choice_is_open(self) -> bool:
        return self.is_open and timezone.now() < self.choice_deadline

    @property
    def is_upcoming(self) -> bool:
        return self.ends_at >= timezone.now()


class EventDocument(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=GeneratedName("participation/documents"),
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )

    class Meta:
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        ordering = ["created"]

    def __str__(self) -> str:
        return self.title


class Alternative(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="alternatives"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("alternative")
        verbose_name_plural = _("alternatives")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Choice(TimeStampedModel):
    """One resident's choice among an event's alternatives (changeable while choice is open)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="choices"
    )
    alternative = models.ForeignKey(
        Alternative, verbose_name=_("alternative"), on_delete=models.CASCADE, related_name="choices"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="participation_choices",
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_choice_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.alternative_id}"


class OfflineTally(TimeStampedModel):
    class Method(models.TextChoices):
        HANDS = "hands", _("show of hands")
        PAPER = "paper", _("paper ballots")

    alternative = models.ForeignKey(
        Alternative,
        verbose_name=_("alternative"),
        on_delete=models.CASCADE,
        related_name="offline_tallies",
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("offline tally")
        verbose_name_plural = _("offline tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["alternative", "method"], name="one_tally_per_alternative_method"
            )
        ]

    def __str__(self) -> str:
        return f"{self.alternative_id} {self.method}: {self.count}"


class Attendance(TimeStampedModel):
    """A resident says "I will attend"."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="participation_attendances",
    )

    class Meta:
        verbose_name = _("intention to attend")
        verbose_name_plural = _("intentions to attend")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_attendance_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.event_id}"


class Comment(TimeStampedModel, Hideable):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="participation_comments",
    )
    text = models.TextField(_("text"), max_length=4000)
    flags = GenericRelation("moderation.Flag")

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["event", "parent", "created"])]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def municipality(self):
        return self.event.municipality


class BalanceGroup(models.Model):
    """A group attendance is counted by: a gender, an age band, an ethnic group (configurable)."""

    class Dimension(models.TextChoices):
        GENDER = "gender", _("gender")
        AGE = "age", _("age band")
        ETHNIC = "ethnic", _("ethnic group")

    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    key = models.SlugField(_("key"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("balance group")
        verbose_name_plural = _("balance groups")
        ordering = ["dimension", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key"], name="unique_group_key")
        ]

    def __str__(self) -> str:
        return self.name


class AttendanceCount(TimeStampedModel):
    """How many people of one group attended an event: aggregates only, never persons."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendance_counts"
    )
    group = models.ForeignKey(
        BalanceGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="counts"
    )
    count = models.PositiveIntegerField(_("count"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("attendance count")
        verbose_name_plural = _("attendance counts")
        constraints = [
            models.UniqueConstraint(fields=["event", "group"], name="one_count_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.event_id}/{self.group_id}: {self.count}"


class VillageAttendance(TimeStampedModel):
    """Attendance by village of residence (free text until the Village model exists)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="village_counts"
    )
    village = models.CharField(_("village"), max_length=200)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("attendance by village")
        verbose_name_plural = _("attendance by village")
        ordering = ["village"]
        constraints = [
            models.UniqueConstraint(fields=["event", "village"], name="one_count_per_village")
        ]

    def __str__(self) -> str:
        return f"{self.village}: {self.count}"


class ReferenceShare(TimeStampedModel):
    """A group's share of the population (percent); no municipality = the national default."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reference_shares",
    )
    group = models.ForeignKey(
        BalanceGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="reference_shares",
    )
    percent = models.DecimalField(
        _("share of the population, %"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(_("source"), max_length=400)

    class Meta:
        verbose_name = _("reference population share")
        verbose_name_plural = _("reference population shares")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "group"],
                name="one_share_per_unit_group",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.percent}%"
