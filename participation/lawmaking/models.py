"""Law-making: draft acts put to public discussion, clause by clause, and an answer to each.

A ``Draft`` (a municipality's council decision, or a national draft when ``municipality`` is
empty) has an explanatory note and numbered clauses. ``DraftClause`` is a clause's stable
identity; its wording lives in ``ClauseText`` rows, one per ``DraftRevision``, so a comment on
a clause stays attached to it however often the text is revised. The discussion period
(``discussion_starts_at`` .. ``discussion_ends_at``) is enforced by the rules; after it the
responsible staff answer every comment (accepted / partly / rejected, with a reason), the
portal publishes the summary table and then the adopted text.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from portal.moderation.models import Hideable

__all__ = [
    "ClauseText",
    "Draft",
    "DraftClause",
    "DraftComment",
    "DraftRevision",
    "LawmakingSettings",
]

# The Law of the Kyrgyz Republic «О нормативных правовых актах Кыргызской Республики»
# (No. 241 of 20 July 2009, article 22, public discussion of drafts): at least 30 calendar
# days. See "Domain notes" in README.md. Site administrators may change it in the admin.
DEFAULT_MIN_DISCUSSION_DAYS = 30


class LawmakingSettings(models.Model):
    """Site-wide settings of law-making: one row (pk 1), kept by site administrators."""

    min_discussion_days = models.PositiveSmallIntegerField(
        _("minimum public discussion period, calendar days"),
        default=DEFAULT_MIN_DISCUSSION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "The portal refuses to open a draft for a shorter discussion. The law on normative "
            "legal acts of the Kyrgyz Republic sets 30 calendar days."
        ),
    )
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        db_table = "participation_lawmakingsettings"  # the table from before it had its own app
        verbose_name = _("law-making settings")
        verbose_name_plural = _("law-making settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        self.pk = 1  # one row only
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "LawmakingSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class Draft(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("not yet published")
        PUBLISHED = "published", _("published for discussion")
        ADOPTED = "adopted", _("adopted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Phase(models.TextChoices):
        UNPUBLISHED = "unpublished", _("not yet published")
        UPCOMING = "upcoming", _("discussion not yet open")
        OPEN = "open", _("open for discussion")
        REVIEW = "review", _("discussion closed, proposals under review")
        ADOPTED = "adopted", _("adopted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.ADOPTED, Status.WITHDRAWN)

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafts",
        help_text=_("Leave empty for a national draft."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=300)
    explanatory_note = models.TextField(_("explanatory note"), blank=True)
    discussion_starts_at = models.DateTimeField(_("discussion starts"), db_index=True)
    discussion_ends_at = models.DateTimeField(_("discussion ends"), db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    adopted_text = models.TextField(_("adopted text"), blank=True)
    decision_number = models.CharField(_("council decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("council decision date"), null=True, blank=True)
    decision_url = models.URLField(_("link to the council decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "participation_draft"  # the table from before it had its own app
        verbose_name = _("draft act")
        verbose_name_plural = _("draft acts")
        ordering = ["-discussion_starts_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status", "discussion_starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discussion_ends_at__gt=models.F("discussion_starts_at")),
                name="draft_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lawmaking:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_national(self) -> bool:
        return self.municipality_id is None

    @property
    def phase(self) -> str:
        if self.status == self.Status.DRAFT:
            return self.Phase.UNPUBLISHED
        if self.status == self.Status.ADOPTED:
            return self.Phase.ADOPTED
        if self.status == self.Status.WITHDRAWN:
            return self.Phase.WITHDRAWN
        now = timezone.now()
        if now < self.discussion_starts_at:
            return self.Phase.UPCOMING
        if now < self.discussion_ends_at:
            return self.Phase.OPEN
        return self.Phase.REVIEW

    def get_phase_display(self) -> str:
        return str(self.Phase(self.phase).label)

    @property
    def is_open(self) -> bool:
        return self.phase == self.Phase.OPEN

    @property
    def period_is_over(self) -> bool:
        return self.status != self.Status.DRAFT and timezone.now() >= self.discussion_ends_at


class DraftRevision(models.Model):
    draft = models.ForeignKey(
        Draft, verbose_name=_("draft act"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "participation_draftrevision"  # the table from before it had its own app
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="one_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.draft_id} r{self.number}"


class DraftClause(models.Model):
    """A clause's identity: it outlives any wording, so comments stay attached to it."""

    draft = models.ForeignKey(
        Draft, verbose_name=_("draft act"), on_delete=models.CASCADE, related_name="clauses"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "participation_draftclause"  # the table from before it had its own app
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.draft_id} clause {self.pk}"


class ClauseText(models.Model):
    """The wording and number of a clause in one revision."""

    revision = models.ForeignKey(
        DraftRevision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="texts"
    )
    clause = models.ForeignKey(
        DraftClause, verbose_name=_("clause"), on_delete=models.CASCADE, related_name="texts"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        db_table = "participation_clausetext"  # the table from before it had its own app
        verbose_name = _("clause text")
        verbose_name_plural = _("clause texts")
        ordering = ["revision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "clause"], name="one_text_per_revision"),
            models.UniqueConstraint(fields=["revision", "number"], name="one_clause_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"


class DraftComment(TimeStampedModel, Hideable):
    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        REJECTED = "rejected", _("rejected")

    draft = models.ForeignKey(
        Draft, verbose_name=_("draft act"), on_delete=models.CASCADE, related_name="comments"
    )
    clause = models.ForeignKey(
        DraftClause,
        verbose_name=_("clause"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        help_text=_("Empty: a comment on the whole draft."),
    )
    revision = models.ForeignKey(
        DraftRevision,
        verbose_name=_("revision commented on"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="draft_comments",
    )
    text = models.TextField(_("text"), max_length=4000)
    flags = GenericRelation("moderation.Flag")
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True, db_index=True
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        db_table = "participation_draftcomment"  # the table from before it had its own app
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["draft", "clause", "created"])]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def municipality(self):
        return self.draft.municipality
