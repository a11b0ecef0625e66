"""The administrative-territorial units of the Kyrgyz Republic and who works for them.

Every unit of the tree (oblast, rayon, city, ayil aimak) is a ``Municipality`` row, so that
events, budgets and evaluations can hang from any of them by one foreign key. The SOATE code
is the stable identifier that the reference data and other systems share.
"""

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.folding import squeeze
from portal.i18n import unit_name
from portal.models import TimeStampedModel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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
    class PopulationBasis(models.TextChoices):
        CENSUS = "census", _("population census")
        NSC_ESTIMATE = "nsc_estimate", _("National Statistical Committee's estimate at 1 January")
        NSC = "nsc", _("National Statistical Committee's figure for the year")
        CEC = "cec", _("Central Election Commission's figure")

    population_source = models.CharField(
        _("population source"),
        max_length=300,
        blank=True,
        help_text=_("Where the figure comes from, as recorded (for administrators)."),
    )
    population_basis = models.CharField(
        _("kind of population figure"),
        max_length=20,
        choices=PopulationBasis.choices,
        blank=True,
        help_text=_("What citizens are told about the figure, with its year."),
    )
    reference_note = models.CharField(
        _("note from the reference data"), max_length=300, blank=True
    )
    valid_from = models.DateField(
        _("existed from"),
        null=True,
        blank=True,
        help_text=_("Set when the unit was formed by a reform; empty when not known."),
    )
    valid_to = models.DateField(
        _("existed until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set when the unit was merged into another or abolished."),
    )
    source_block = models.CharField(
        _("reference data block"),
        max_length=2,
        blank=True,
        help_text=_("Block of the shared reference file the row came from (A-E)."),
    )
    is_pre_reform = models.BooleanField(
        _("pre-reform data"),
        default=False,
        db_index=True,
        help_text=_("The reference data describes this unit as it was before the 2024 reform."),
    )
    class NameOrigin(models.TextChoices):
        SOURCE = "source", _("found in a Kyrgyz-language source")
        RULE = "rule", _("derived by rule from the Russian name (to check)")
        CHECKED = "checked", _("checked or corrected by a person")

    name_ky_origin = models.CharField(
        _("origin of the Kyrgyz name"),
        max_length=10,
        choices=NameOrigin.choices,
        blank=True,
        db_index=True,
        help_text=_("Where the Kyrgyz name comes from; names derived by rule are to be checked."),
    )
    name_ky_source = models.CharField(
        _("source of the Kyrgyz name"), max_length=500, blank=True
    )
    name_ky_note = models.CharField(_("doubts about the Kyrgyz name"), max_length=500, blank=True)
    description = models.TextField(_("about the municipality"), blank=True)
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_("Names in every language, case-folded; filled by the services."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["parent", "kind"]),
            models.Index(fields=["kind", "valid_to"]),
        ]

    def __str__(self) -> str:
        return unit_name(self).text

    def get_absolute_url(self) -> str:
        return reverse("municipalities:detail", kwargs={"slug": self.slug})

    @property
    def population_note(self) -> str:
        """The source of the population figure as citizens read it, in the active language.

        Built from the kind of figure and its year: the raw ``population_source`` is a note
        for administrators and is never shown on public pages.
        """
        if not self.population_basis or not self.population_year:
            return ""
        year = self.population_year
        notes: dict[str, StrOrPromise] = {
            self.PopulationBasis.CENSUS: _("population census of %(year)s"),
            self.PopulationBasis.NSC_ESTIMATE: _(
                "National Statistical Committee's estimate as of 1 January %(year)s"
            ),
            self.PopulationBasis.NSC: _("National Statistical Committee's figure for %(year)s"),
            self.PopulationBasis.CEC: _("Central Election Commission's figure, %(year)s"),
        }
        note = notes.get(self.population_basis)
        return str(note) % {"year": year} if note else ""

    @property
    def is_self_governing(self) -> bool:
        return self.kind in self.SELF_GOVERNING_KINDS

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to > timezone.localdate()


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


def fold_for_search(text: str) -> str:
    """Folded the same way on PostgreSQL and SQLite (Python does it): "кочкор" finds Кочкор."""
    return squeeze(text)


def require_one_language(obj, field: str) -> None:
    """A translated text is required in at least one of the two languages."""
    if not (getattr(obj, f"{field}_ky", "") or getattr(obj, f"{field}_ru", "")):
        raise ValidationError(
            {f"{field}_ky": _("Enter this in Kyrgyz or in Russian (or both).")}
        )


class Village(TimeStampedModel):
    """A village (айыл) of a unit: entered by staff, or loaded from the statistics workbook.

    A loaded village keeps its SOATE code. A village stays with the unit it was listed under:
    when a reform moves it, the workbook lists it again (with a new code) under its new unit,
    so the old unit keeps the villages it had, and successors are found by them.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="villages",
    )
    name = models.CharField(_("name"), max_length=200)
    soate = models.CharField(
        _("SOATE code"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Set when the village was loaded from the statistics workbook."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("demo entry"),
        default=False,
        help_text=_("Invented for the demonstration; not real data."),
    )

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["name"]

    def clean(self) -> None:
        require_one_language(self, "name")

    def __str__(self) -> str:
        return self.name


class Succession(TimeStampedModel):
    """One step of the reform history: a unit was merged into, renamed to or split into another."""

    class Kind(models.TextChoices):
        MERGED = "merged", _("merged into")
        RENAMED = "renamed", _("renamed to")
        SPLIT = "split", _("split into")
        ABSORBED = "absorbed", _("absorbed by")
        STATUS = "status", _("changed its status and became")

    predecessor = models.ForeignKey(
        Municipality,
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        Municipality,
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        related_name="successions_in",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="one_succession_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="succession_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.date})"

    @property
    def kind_noun(self) -> str:
        """What happened, as a noun: for "Successor: X — merger" on the old unit's page."""
        nouns: dict[str, StrOrPromise] = {
            self.Kind.MERGED: _("merger"),
            self.Kind.RENAMED: _("renaming"),
            self.Kind.SPLIT: _("division"),
            self.Kind.ABSORBED: _("absorption"),
            self.Kind.STATUS: _("change of status"),
        }
        return str(nouns.get(self.kind, self.get_kind_display()))


class Body(TimeStampedModel):
    """An LSG body: the representative council (кеңеш) or the executive (айыл өкмөтү, мэрия)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("representative body (kenesh)")
        EXECUTIVE = "executive", _("executive body")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="bodies",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("number of seats"), null=True, blank=True, help_text=_("For a council only.")
    )
    is_demo = models.BooleanField(
        _("demo entry"),
        default=False,
        help_text=_("Invented for the demonstration; not real data."),
    )

    class Meta:
        verbose_name = _("LSG body")
        verbose_name_plural = _("LSG bodies")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="one_body_per_kind"),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="body_term_in_order",
            ),
        ]

    def clean(self) -> None:
        require_one_language(self, "name")

    def __str__(self) -> str:
        return self.name


class Member(TimeStampedModel):
    """A person of a body: chair and deputies of a council, head and staff of an executive."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        DEPUTY_CHAIR = "deputy_chair", _("deputy chair")
        DEPUTY = "deputy", _("deputy")
        HEAD = "head", _("head")
        DEPUTY_HEAD = "deputy_head", _("deputy head")
        STAFF = "staff", _("staff member")

    class Gender(models.TextChoices):
        FEMALE = "female", _("woman")
        MALE = "male", _("man")

    COUNCIL_ROLES = (Role.CHAIR, Role.DEPUTY_CHAIR, Role.DEPUTY)
    EXECUTIVE_ROLES = (Role.HEAD, Role.DEPUTY_HEAD, Role.STAFF)

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("E.g. finance specialist.")
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["order", "full_name"]

    def clean(self) -> None:
        require_one_language(self, "full_name")

    def __str__(self) -> str:
        return self.full_name

    @property
    def municipality(self) -> Municipality:
        return self.body.municipality


def charter_upload_to(instance: "Charter", filename: str) -> str:
    """A generated name: nothing of the uploaded file's name reaches the disk."""
    return f"municipalities/charters/{uuid.uuid4().hex}{instance.extension}"


class Charter(TimeStampedModel):
    """The charter of the local community (жергиликтүү жамааттын уставы) as a document."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="charter",
    )
    title = models.CharField(_("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=300, blank=True, help_text=_("E.g. kenesh resolution No.")
    )
    file = models.FileField(_("document"), upload_to=charter_upload_to)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)

    class Meta:
        verbose_name = _("community charter")
        verbose_name_plural = _("community charters")

    def clean(self) -> None:
        require_one_language(self, "title")

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return {"application/pdf": ".pdf", DOCX: ".docx", ODT: ".odt"}.get(self.content_type, "")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
