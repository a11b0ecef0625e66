"""Joint monitoring and evaluation (БМжБ / СМиО).

A municipality's monitoring group (set up by a council decision or a village assembly) runs
monitoring cycles. Each cycle has a plan (indicators from the catalogue with targets, a
schedule and objects to visit). Members file monitoring acts holding evaluations per
indicator, with evidence; the lead reviews them; the cycle's findings, the municipality's
official response and the action plan are published with the scorecard. Every state change
leaves an entry in the one history (``portal.history``).
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel


class ServiceArea(models.Model):
    """A local service the catalogue groups indicators by (drinking water, roads, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    class Scale(models.TextChoices):
        SCORE = "score", _("score 1–5")
        PERCENT = "percent", _("percentage")
        YES_NO = "yes_no", _("yes / no")
        COUNT = "count", _("count")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    class Method(models.TextChoices):
        SURVEY = "survey", _("resident survey")
        SITE_VISIT = "site_visit", _("site visit")
        DOCUMENTS = "documents", _("document review")
        FOCUS_GROUP = "focus_group", _("focus group")

    area = models.ForeignKey(
        ServiceArea,
        verbose_name=_("service area"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices)
    direction = models.CharField(
        _("better direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    reference_max = models.DecimalField(
        _("reference maximum"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "For counts only: the value that counts as 100 on the common 0–100 scale. "
            "Without it a count is shown as is and left out of the service-area score."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["area__order", "order", "code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.reference_max is not None and self.scale != self.Scale.COUNT:
            raise ValidationError(
                {"reference_max": _("A reference maximum applies to counts only.")}
            )

    def value_bounds(self) -> tuple[Decimal, Decimal | None]:
        bounds: dict[str, tuple[Decimal, Decimal | None]] = {
            self.Scale.SCORE: (Decimal(1), Decimal(5)),
            self.Scale.PERCENT: (Decimal(0), Decimal(100)),
            self.Scale.YES_NO: (Decimal(0), Decimal(1)),
            self.Scale.COUNT: (Decimal(0), None),
        }
        return bounds[self.scale]


class MonitoringGroup(TimeStampedModel):
    class Basis(models.TextChoices):
        COUNCIL = "council", _("council decision")
        ASSEMBLY = "assembly", _("village assembly")

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="monitoring_groups",
    )
    name = models.CharField(_("name"), max_length=200)
    basis = models.CharField(_("set up by"), max_length=10, choices=Basis.choices)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"))

    class Meta:
        verbose_name = _("monitoring group")
        verbose_name_plural = _("monitoring groups")
        ordering = ["-decision_date"]

    def __str__(self) -> str:
        return self.name


class GroupMember(TimeStampedModel):
    class Role(models.TextChoices):
        LSG_STAFF = "lsg_staff", _("LSG staff")
        DEPUTY = "deputy", _("deputy")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        RESIDENT = "resident", _("resident")

    class Gender(models.TextChoices):
        FEMALE = "female", _("woman")
        MALE = "male", _("man")

    group = models.ForeignKey(
        MonitoringGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="monitoring_memberships",
        help_text=_("Members with an account file evaluations on the portal."),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1920), MaxValueValidator(2020)]
    )
    is_lead = models.BooleanField(_("group lead"), default=False)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["-is_lead", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], name="monitoring_one_membership_per_group"
            ),
            models.UniqueConstraint(
                fields=["group"], condition=Q(is_lead=True), name="monitoring_one_lead_per_group"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def age_on(self, year: int) -> int:
        return year - self.birth_year


class Cycle(TimeStampedModel):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        PUBLISHED = "published", _("published")

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="monitoring_cycles",
    )
    group = models.ForeignKey(
        MonitoringGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="cycles"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    schedule = models.TextField(_("schedule"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("monitoring cycle")
        verbose_name_plural = _("monitoring cycles")
        ordering = ["-period_start"]
        indexes = [models.Index(fields=["municipality", "status", "period_start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="monitoring_cycle_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.group_id and self.municipality_id and (
            self.group.municipality_id != self.municipality_id
        ):
            raise ValidationError({"group": _("The group must belong to the same municipality.")})

    def get_absolute_url(self) -> str:
        return reverse("monitoring:cycle-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PlanItem(models.Model):
    """One line of the cycle's plan: an indicator, its target, when and where it is checked."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="plan_items"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.DecimalField(
        _("target"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    scheduled_for = models.DateField(_("scheduled for"), null=True, blank=True)
    objects_to_visit = models.CharField(_("objects to visit"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["indicator__area__order", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "indicator"], name="monitoring_plan_once")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.indicator}"


class MonitoringAct(TimeStampedModel):
    """A member's record of one monitoring visit or survey: it collects evaluations."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")
        PUBLISHED = "published", _("published")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="acts"
    )
    author = models.ForeignKey(
        GroupMember, verbose_name=_("author"), on_delete=models.PROTECT, related_name="acts"
    )
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("village or object"), max_length=200)
    visited_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_comment = models.TextField(_("lead's comments"), blank=True)

    class Meta:
        verbose_name = _("monitoring act")
        verbose_name_plural = _("monitoring acts")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:act-detail", kwargs={"pk": self.pk})

    @property
    def municipality(self):
        return self.cycle.municipality

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class Evaluation(TimeStampedModel):
    act = models.ForeignKey(
        MonitoringAct, verbose_name=_("act"), on_delete=models.CASCADE, related_name="evaluations"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    evidence = models.TextField(_("evidence"), blank=True)
    observed_on = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=12, choices=Indicator.Method.choices)
    place = models.CharField(_("village or object"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["indicator__area__order", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["act", "indicator"], name="monitoring_eval_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    def clean(self) -> None:
        if self.indicator_id is None or self.value is None:
            return
        low, high = self.indicator.value_bounds()
        scale = self.indicator.scale
        if self.value < low or (high is not None and self.value > high):
            if high is None:
                message = _("The value must be %(low)s or more.") % {"low": low}
            else:
                message = _("The value must be between %(low)s and %(high)s.") % {
                    "low": low,
                    "high": high,
                }
            raise ValidationError({"value": message})
        if scale in (Indicator.Scale.SCORE, Indicator.Scale.YES_NO, Indicator.Scale.COUNT) and (
            self.value != self.value.to_integral_value()
        ):
            raise ValidationError({"value": _("This scale takes whole numbers only.")})


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    """A generated name: never the uploader's, which may be unsafe or personal."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    today = timezone.now()
    return f"monitoring/evidence/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Evidence(TimeStampedModel):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        DOCUMENT = "document", _("document")

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.file.name.rsplit("/", 1)[-1]

    def get_absolute_url(self) -> str:
        return reverse("monitoring:evidence-file", kwargs={"pk": self.pk})


class DissentingOpinion(TimeStampedModel):
    """A member's disagreement with the result, published alongside it."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="dissents"
    )
    member = models.ForeignKey(
        GroupMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="dissents"
    )
    text = models.TextField(_("opinion"))

    class Meta:
        verbose_name = _("dissenting opinion")
        verbose_name_plural = _("dissenting opinions")
        ordering = ["created"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "member"], name="monitoring_one_dissent")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.text[:40]}"


class Findings(TimeStampedModel):
    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="findings"
    )
    works_well = models.TextField(_("what works"), blank=True)
    does_not_work = models.TextField(_("what does not work"), blank=True)
    help_needed = models.TextField(_("cooperation and help needed"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)

    class Meta:
        verbose_name = _("findings")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return str(self.cycle)


class MunicipalResponse(TimeStampedModel):
    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="response"
    )
    text = models.TextField(_("official response"))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("municipality's response")
        verbose_name_plural = _("municipalities' responses")

    def __str__(self) -> str:
        return str(self.cycle)


class Action(TimeStampedModel):
    """One line of the action plan; followed until done, carried into later cycles."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("action plan")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def municipality(self):
        return self.cycle.municipality

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class ActionProgress(TimeStampedModel):
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="progress"
    )
    note = models.TextField(_("progress note"))
    status = models.CharField(_("status"), max_length=12, choices=Action.Status.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created"]

    def __str__(self) -> str:
        return self.note[:40]
