"""Local budgets, transfers from the republican budget and the budget calendar.

A ``BudgetYear`` is the local budget of one self-governing unit for one fiscal year. Its lines
(``BudgetLine``) are the current published state; every publication also stores a frozen copy
in ``BudgetRevision`` so the public can see what changed, who published it and when.
Money is ``Decimal`` in som (two decimal places), never float.
"""

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from portal.uploads import GeneratedName


class _Money(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: _Money = {"max_digits": 16, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
CODE_VALIDATOR = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$",
    _("Use digits and letters, optionally separated by dots or dashes."),
)


class Direction(models.TextChoices):
    REVENUE = "revenue", _("revenue")
    EXPENDITURE = "expenditure", _("expenditure")


class Category(models.TextChoices):
    """Revenue groups (domain brief 3.2) and expenditure functions."""

    # revenues
    LOCAL_TAXES = "local_taxes", _("local taxes (land, property)")
    SHARED_TAXES = "shared_taxes", _("shares of national taxes")
    NON_TAX = "non_tax", _("non-tax revenue")
    EQUALIZATION = "equalization", _("equalization transfer")
    TARGET = "target", _("target (earmarked) transfer")
    STIMULATING = "stimulating", _("stimulating grant")
    DELEGATED = "delegated", _("transfer for delegated state powers")
    SPECIAL_FUNDS = "special_funds", _("special funds")
    OTHER_REVENUE = "other_revenue", _("other revenue")
    # expenditures by function
    GENERAL_SERVICES = "general_services", _("general public services")
    PUBLIC_ORDER = "public_order", _("public order and safety")
    ECONOMY_ROADS = "economy_roads", _("economic affairs and roads")
    ENVIRONMENT = "environment", _("environmental protection")
    HOUSING_UTILITIES = "housing_utilities", _("housing and utilities")
    HEALTH = "health", _("health")
    CULTURE_SPORT = "culture_sport", _("culture and sport")
    EDUCATION = "education", _("education")
    SOCIAL_PROTECTION = "social_protection", _("social protection")
    OTHER_EXPENDITURE = "other_expenditure", _("other expenditure")


REVENUE_CATEGORIES = (
    Category.LOCAL_TAXES,
    Category.SHARED_TAXES,
    Category.NON_TAX,
    Category.EQUALIZATION,
    Category.TARGET,
    Category.STIMULATING,
    Category.DELEGATED,
    Category.SPECIAL_FUNDS,
    Category.OTHER_REVENUE,
)
TRANSFER_CATEGORIES = (
    Category.EQUALIZATION,
    Category.TARGET,
    Category.STIMULATING,
    Category.DELEGATED,
)
EXPENDITURE_CATEGORIES = tuple(c for c in Category if c not in REVENUE_CATEGORIES)
CATEGORY_DIRECTION = {
    **{c.value: Direction.REVENUE.value for c in REVENUE_CATEGORIES},
    **{c.value: Direction.EXPENDITURE.value for c in EXPENDITURE_CATEGORIES},
}


class ClassificationCode(TimeStampedModel):
    """A code of the budget classification that lines may use (kept by site administrators)."""

    code = models.CharField(_("code"), max_length=20, unique=True, validators=[CODE_VALIDATOR])
    direction = models.CharField(
        _("revenue or expenditure"), max_length=12, choices=Direction.choices, db_index=True
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name = models.CharField(_("name"), max_length=300)
    note = models.CharField(
        _("source note"),
        max_length=300,
        blank=True,
        help_text=_("Where the code comes from, e.g. the act that approved the classification."),
    )

    class Meta:
        verbose_name = _("classification code")
        verbose_name_plural = _("classification codes")
        ordering = ["direction", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.category and CATEGORY_DIRECTION.get(self.category) != self.direction:
            raise ValidationError({"category": _("This category belongs to the other side.")})


class BudgetYear(TimeStampedModel):
    """The local budget of one municipality for one fiscal year."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="budget_years",
    )
    year = models.PositiveSmallIntegerField(_("fiscal year"), validators=YEAR_VALIDATORS)
    population = models.PositiveIntegerField(
        _("population used for per-resident figures"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the population from the directory of units."),
    )
    note = models.TextField(_("note"), blank=True)
    published_at = models.DateTimeField(_("last published"), null=True, blank=True)

    class Meta:
        verbose_name = _("local budget")
        verbose_name_plural = _("local budgets")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_budget_per_year")
        ]
        indexes = [models.Index(fields=["year"]), models.Index(fields=["-published_at"])]

    def __str__(self) -> str:
        return f"{self.municipality} — {self.year}"

    def get_absolute_url(self) -> str:
        return reverse(
            "budgets:budget-detail", kwargs={"slug": self.municipality.slug, "year": self.year}
        )

    @property
    def residents(self) -> int | None:
        """Population for per-resident figures; None when unknown or zero."""
        value = self.population or self.municipality.population
        return value or None


class BudgetLine(models.Model):
    budget = models.ForeignKey(
        BudgetYear, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="lines"
    )
    direction = models.CharField(
        _("revenue or expenditure"), max_length=12, choices=Direction.choices
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    code = models.CharField(_("classification code"), max_length=20, validators=[CODE_VALIDATOR])
    name = models.CharField(_("name"), max_length=300)
    approved = models.DecimalField(_("approved, som"), validators=NON_NEGATIVE, **MONEY)
    revised = models.DecimalField(
        _("revised, som"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY
    )
    executed = models.DecimalField(
        _("executed, som"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY
    )
    position = models.PositiveIntegerField(_("order of the line"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["direction", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "direction", "code"], name="one_line_per_code"
            ),
            models.CheckConstraint(
                condition=models.Q(approved__gte=0)
                & (models.Q(revised__isnull=True) | models.Q(revised__gte=0))
                & (models.Q(executed__isnull=True) | models.Q(executed__gte=0)),
                name="budget_line_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def planned(self) -> Decimal:
        """The plan in force: the revised amount if there is one, else the approved one."""
        return self.revised if self.revised is not None else self.approved


class BudgetRevision(models.Model):
    """A frozen copy of the lines as published, with who published them and when."""

    budget = models.ForeignKey(
        BudgetYear, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision number"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("entered by"), max_length=10, default="form")
    comment = models.CharField(_("what changed and why"), max_length=500, blank=True)
    lines = models.JSONField(_("lines"), default=list)

    class Meta:
        verbose_name = _("budget revision")
        verbose_name_plural = _("budget revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.budget} #{self.number}"


class PendingImport(TimeStampedModel):
    """An uploaded spreadsheet waiting for the uploader to look at the preview and confirm."""

    budget = models.ForeignKey(
        BudgetYear, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("parsed lines"), default=list)
    errors = models.JSONField(_("problems found"), default=list)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.filename

    @property
    def municipality(self):
        return self.budget.municipality


class Transfer(TimeStampedModel):
    """Money from the republican budget to one local budget."""

    class Kind(models.TextChoices):
        EQUALIZATION = "equalization", _("equalization transfer")
        TARGET = "target", _("target (earmarked) transfer")
        STIMULATING = "stimulating", _("stimulating grant")
        DELEGATED = "delegated", _("transfer for delegated state powers")

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("recipient municipality"),
        on_delete=models.PROTECT,
        related_name="transfers",
    )
    year = models.PositiveSmallIntegerField(_("fiscal year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("type of transfer"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount, som"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-year", "-date"]
        indexes = [
            models.Index(fields=["year", "kind"]),
            models.Index(fields=["municipality", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="transfer_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year} {self.get_kind_display()}"


class CalendarStage(TimeStampedModel):
    """One stage of the budget process of a municipality for a fiscal year."""

    class Stage(models.TextChoices):
        DRAFT_PREPARED = "draft_prepared", _("draft budget prepared")
        DRAFT_PUBLISHED = "draft_published", _("draft budget published")
        DRAFT_HEARING = "draft_hearing", _("public hearing on the draft budget")
        APPROVAL = "approval", _("approval by the local kenesh")
        REPORT_Q1 = "report_q1", _("execution report, 1st quarter")
        REPORT_Q2 = "report_q2", _("execution report, 2nd quarter")
        REPORT_Q3 = "report_q3", _("execution report, 3rd quarter")
        REPORT_ANNUAL = "report_annual", _("annual execution report")
        REPORT_HEARING = "report_hearing", _("public hearing on the annual report")

    STAGE_ORDER = {value: index for index, value in enumerate(Stage.values)}

    budget = models.ForeignKey(
        BudgetYear,
        verbose_name=_("budget"),
        on_delete=models.CASCADE,
        related_name="calendar_stages",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    due_date = models.DateField(_("due date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    document = models.FileField(
        _("document"),
        upload_to=GeneratedName("budgets/calendar"),
        blank=True,
        validators=[FileExtensionValidator(["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"])],
    )
    document_url = models.URLField(_("document address"), blank=True)
    participation_url = models.URLField(
        _("link to the hearing event"),
        blank=True,
        help_text=_("Address of the event on this portal's participation section."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("budget calendar stage")
        verbose_name_plural = _("budget calendar stages")
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "stage"], name="one_stage_per_budget")
        ]

    def __str__(self) -> str:
        return f"{self.budget} — {self.get_stage_display()}"

    @property
    def municipality(self):
        return self.budget.municipality

    def status(self, today=None) -> str:
        """done / late (done after the due date) / missing (overdue, not done) / upcoming."""
        today = today or timezone.localdate()
        if self.actual_date:
            return "late" if self.actual_date > self.due_date else "done"
        return "missing" if self.due_date < today else "upcoming"
