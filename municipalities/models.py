"""The administrative-territorial units of the Kyrgyz Republic and who works for them.

Every unit of the tree (oblast, rayon, city, ayil aimak) is a ``Municipality`` row, so that
events, budgets and evaluations can hang from any of them by one foreign key. The SOATE code
is the stable identifier that the reference data and other systems share.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel


class Municipality(TimeStampedModel):
    class Kind(models.TextChoices):
        OBLAST = "oblast", _("oblast")
        CITY_REPUBLICAN = "city_republican", _("city of republican significance")
        RAYON = "rayon", _("rayon")
        CITY_DISTRICT = "city_district", _("city district")
        CITY_OBLAST = "city_oblast", _("city of oblast significance")
        CITY_RAYON = "city_rayon", _("city of rayon significance")
        AYIL_AIMAK = "ayil_aimak", _("ayil aimak")

    # Units with their own elected council and budget: the LSG level proper.
    SELF_GOVERNING_KINDS = (
        Kind.CITY_REPUBLICAN,
        Kind.CITY_OBLAST,
        Kind.CITY_RAYON,
        Kind.AYIL_AIMAK,
    )

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    soate = models.CharField(
        _("SOATE code"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        help_text=_("State classifier code of administrative-territorial units (14 digits)."),
    )
    name = models.CharField(_("name"), max_length=200)
    english_name = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(_("address name"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    population_source = models.CharField(_("population source"), max_length=300, blank=True)
    reference_note = models.CharField(
        _("note from the reference data"), max_length=300, blank=True
    )
    valid_to = models.DateField(
        _("existed until"),
        null=True,
        blank=True,
        help_text=_("Set when the unit was merged into another or abolished."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        indexes = [models.Index(fields=["parent", "kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:detail", kwargs={"slug": self.slug})

    @property
    def is_self_governing(self) -> bool:
        return self.kind in self.SELF_GOVERNING_KINDS


class StaffMembership(TimeStampedModel):
    """A user working for one municipality: editors publish, managers also manage the team."""

    class Level(models.TextChoices):
        EDITOR = "editor", _("editor")
        MANAGER = "manager", _("manager")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="staff_memberships",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.EDITOR)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_membership_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.municipality} ({self.get_level_display()})"
