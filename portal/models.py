"""Accounts and the small abstract bases every app uses."""

import secrets
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class UserManager(DjangoUserManager["User"]):
    """Users sign in with their e-mail; the username is kept only for Django's admin."""

    def create_user(self, username=None, email=None, password=None, **extra_fields):
        username = username or (email or "").lower()
        return super().create_user(username, email, password, **extra_fields)

    def create_superuser(self, username=None, email=None, password=None, **extra_fields):
        username = username or (email or "").lower()
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person using the portal. Roles beyond citizen are flags here or staff memberships.

    Municipal staff are users with a ``municipalities.StaffMembership``; site administrators
    are superusers. Who may do what is decided in ``portal.predicates`` and each app's rules.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("Shown next to your comments. Leave empty to stay anonymous."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="ky",
        help_text=_("The language of the e-mails the portal sends you."),
    )
    home_municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("home municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_moderator = models.BooleanField(
        _("moderator"), default=False, help_text=_("Keeps discussions civil across the portal.")
    )
    is_monitor = models.BooleanField(
        _("monitor"), default=False, help_text=_("Files evaluations in joint monitoring.")
    )

    objects: ClassVar[UserManager] = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def public_name(self) -> str:
        """The name shown to other people: never the e-mail address."""
        return self.display_name or str(_("Resident"))


def report_token() -> str:
    """The report's address: random, so report addresses cannot be guessed or enumerated."""
    return secrets.token_urlsafe(32)


class Report(TimeStampedModel):
    """One rendering of one report type for one object in one language.

    ``content_hash`` is the hash of the report's content key (portal/reports/services.py):
    unchanged content finds the stored file, changed content makes a new row. The unique
    constraint stops double-clicks from queueing the same work twice. Pages address a report
    by its random ``token``, never by its sequential id.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    token = models.CharField(
        _("address key"), max_length=64, unique=True, default=report_token, editable=False
    )
    kind = models.CharField(_("report type"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("object"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    content_hash = models.CharField(_("content hash"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to="reports/", blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    online_url = models.CharField(_("online address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language", "content_hash"],
                name="one_report_per_content",
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id", "language"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} ({self.language})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class SearchEntry(models.Model):
    """One searchable object of any section, in both languages (see portal/search.py)."""

    kind = models.CharField(_("type"), max_length=30)
    object_id = models.PositiveBigIntegerField(_("object"))
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_public = models.BooleanField(_("public"), default=True)
    date = models.DateField(_("date"), null=True, blank=True)
    title_ky = models.CharField(max_length=300, blank=True)
    title_ru = models.CharField(max_length=300, blank=True)
    text_ky = models.TextField(blank=True)
    text_ru = models.TextField(blank=True)
    url_ky = models.CharField(max_length=500, blank=True)
    url_ru = models.CharField(max_length=500, blank=True)
    folded = models.TextField(blank=True, help_text="casefolded text for the SQLite demo")
    title_folded = models.CharField(max_length=610, blank=True)
    vector_ky = SearchVectorField(null=True, editable=False)
    vector_ru = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_object")
        ]
        indexes = [models.Index(fields=["is_public", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"


class SearchWord(models.Model):
    """A folded word that occurs in the search index: what a misspelt query word is matched to.

    Kept as words are indexed and pruned by a full ``search_reindex`` (portal/search.py).
    """

    word = models.CharField(_("word"), max_length=40, primary_key=True)
    length = models.PositiveSmallIntegerField(_("length"), db_index=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class Subscription(models.Model):
    """A person follows a municipality or a whole section, by e-mail (see portal/following.py)."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("immediately")
        DAILY = "daily", _("daily digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    section = models.CharField(_("section"), max_length=30, blank=True, db_index=True)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(municipality__isnull=False) & models.Q(section=""))
                | (models.Q(municipality__isnull=True) & ~models.Q(section="")),
                name="subscription_unit_or_section",
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=models.Q(municipality__isnull=False),
                name="one_subscription_per_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "section"],
                condition=~models.Q(section=""),
                name="one_subscription_per_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.municipality_id or self.section}"


class Delivery(models.Model):
    """One item for one person: the unique constraint means it is never e-mailed twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    kind = models.CharField(_("type"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object"))
    frequency = models.CharField(_("how often"), max_length=10, db_index=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id"], name="one_delivery_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} → {self.user_id}"


class RefusedAttempt(models.Model):
    """A signed-in person refused by the permission gate on an object of a municipality.

    Written by ``portal.permissions`` (never for anonymous visitors) after the refused request's
    transaction is rolled back, so the row stays; site administrators read them in the admin.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="refused_attempts",
    )
    permission = models.CharField(_("permission"), max_length=100)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("object type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object id"), max_length=64)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    path = models.CharField(_("address"), max_length=500, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("refused attempt")
        verbose_name_plural = _("refused attempts")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.permission} {self.content_type_id}:{self.object_id}"


class OutboxMessage(models.Model):
    """A task a request queued, written in the request's own transaction (``portal/outbox.py``).

    Handed to Celery after commit; rows the broker did not take (Redis away, or restarted
    empty) are sent again, oldest first, by the dispatcher. ``sent_at`` empty = not yet sent.
    """

    task = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")
        ordering = ["created", "pk"]
        indexes = [
            models.Index(
                fields=["created", "id"],
                name="outbox_unsent",
                condition=models.Q(sent_at__isnull=True),
            ),
            models.Index(fields=["sent_at"], name="outbox_sent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"
