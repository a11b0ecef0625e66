"""One history of what staff did: who created, changed, published or withdrew what, and when.

Rows are written only by ``history.services.record`` (called by every app's services), never
edited or deleted by the portal. The object's label is kept as text so that an entry outlives
its object; ``parent`` lets a page show its parts' changes (a cycle its acts', a budget its
lines', a municipality its bodies' and villages').
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Verb(models.TextChoices):
    CREATED = "created", pgettext_lazy("history action", "created")
    CHANGED = "changed", pgettext_lazy("history action", "changed")
    DELETED = "deleted", pgettext_lazy("history action", "deleted")
    RENAMED = "renamed", pgettext_lazy("history action", "renamed")
    SUPERSEDED = "superseded", pgettext_lazy("history action", "superseded by a reform")
    SUBMITTED = "submitted", pgettext_lazy("history action", "submitted for review")
    RETURNED = "returned", pgettext_lazy("history action", "returned with comments")
    ACCEPTED = "accepted", pgettext_lazy("history action", "accepted")
    PUBLISHED = "published", pgettext_lazy("history action", "published")
    WITHDRAWN = "withdrawn", pgettext_lazy("history action", "withdrawn from publication")
    OPENED = "opened", pgettext_lazy("history action", "opened for choice")
    HELD = "held", pgettext_lazy("history action", "held")
    CANCELLED = "cancelled", pgettext_lazy("history action", "cancelled")
    RESULTS = "results", pgettext_lazy("history action", "results published")
    REVISED = "revised", pgettext_lazy("history action", "new text version")
    DECIDED = "decided", pgettext_lazy("history action", "proposal answered")
    ADOPTED = "adopted", pgettext_lazy("history action", "adopted")
    ANSWERED = "answered", pgettext_lazy("history action", "answered")
    DISSENT = "dissent", pgettext_lazy("history action", "dissenting opinion recorded")
    RESPONDED = "responded", pgettext_lazy("history action", "official response given")
    ACTION_ADDED = "action_added", pgettext_lazy("history action", "action added to the plan")
    PROGRESS = "progress", pgettext_lazy("history action", "action progress noted")
    LOADED = "loaded", pgettext_lazy("history action", "loaded from a file")


# What a citizen may read: a change of state the public sees anyway. Plain edits stay staff-only.
PUBLIC_VERBS = frozenset({
    Verb.PUBLISHED, Verb.WITHDRAWN, Verb.OPENED, Verb.HELD, Verb.CANCELLED, Verb.RESULTS,
    Verb.ADOPTED, Verb.ANSWERED, Verb.RESPONDED, Verb.ACTION_ADDED, Verb.PROGRESS,
    Verb.SUPERSEDED,
})


class Change(models.Model):
    """One thing staff (or a file load) did to one object."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of object"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(
        _("object id"), null=True, blank=True,
        help_text=_("Empty for entries moved from an older history that did not keep it."),
    )
    object_label = models.CharField(_("object name"), max_length=300, blank=True)
    parent_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of parent object"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    parent_id = models.PositiveBigIntegerField(_("parent object id"), null=True, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="history",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("changed at"), default=timezone.now)
    verb = models.CharField(_("what happened"), max_length=20, choices=Verb.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    source_file = models.CharField(
        _("loaded from"), max_length=200, blank=True,
        help_text=_("The file a change was loaded from, when no person made it."),
    )
    is_public = models.BooleanField(_("shown to the public"), default=False)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history of changes")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "-at"]),
            models.Index(fields=["content_type", "object_id", "-at"]),
            models.Index(fields=["parent_type", "parent_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.object_label}"

    @property
    def object_type_label(self) -> str:
        model = self.content_type.model_class()
        return str(model._meta.verbose_name) if model else self.content_type.model

    def field_rows(self) -> list[tuple[str, object, object]]:
        """(the field's verbose name, old, new) for each changed field, for the page."""
        from .services import display_value
        from .services import field_label

        model = self.content_type.model_class()
        rows = []
        for name, pair in (self.changes or {}).items():
            old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
            rows.append((
                field_label(model, name),
                display_value(model, name, old),
                display_value(model, name, new),
            ))
        return rows
