"""Accounts and the small abstract bases every app uses."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class UserManager(DjangoUserManager):
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

    objects = UserManager()

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
