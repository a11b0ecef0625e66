"""One moderation core: flags, the audit trail and blocked users, for every kind of citizen text.

A kind of text (an event comment, a comment on a draft act, a citizen's question, whatever
comes next) keeps its hidden state through ``Hideable`` and registers itself in its app's
``registrations.py`` (``portal.moderation.registry``). Flags and records point at the text
generically (content type + object id); nothing here names an app.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel


class Hideable(models.Model):
    """The hidden state every moderated text shares: hidden by a moderator, why and when."""

    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        abstract = True


class Flag(models.Model):
    """A person's report of a text; one open flag per person and text. The text's municipality
    is read from the text itself (through its kind), never copied: a unit merger moves it."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    item = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    is_resolved = models.BooleanField(_("resolved"), default=False, db_index=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                condition=Q(is_resolved=False),
                name="moderation_one_open_flag_per_user",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "is_resolved"])]

    def __str__(self) -> str:
        return f"flag {self.content_type_id}:{self.object_id}"


class UserBlock(TimeStampedModel):
    """A user a moderator has stopped from taking part: no text of any kind, no flags."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="moderation_block",
    )
    reason = models.CharField(_("reason"), max_length=300)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "participation_userblock"  # the table from before moderation had its own app
        verbose_name = _("blocked user")
        verbose_name_plural = _("blocked users")

    def __str__(self) -> str:
        return str(self.user_id)


class ModerationRecord(models.Model):
    """Every moderation act on any kind of text or person, kept for good."""

    class Action(models.TextChoices):
        HIDE = "hide", _("text hidden")
        RESTORE = "restore", _("text shown again")
        DISMISS = "dismiss", _("flags dismissed")
        BLOCK = "block", _("user blocked")
        UNBLOCK = "unblock", _("user unblocked")

    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("object"), null=True, blank=True)
    item = GenericForeignKey("content_type", "object_id")
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("moderation record")
        verbose_name_plural = _("moderation records")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.created:%Y-%m-%d}"
