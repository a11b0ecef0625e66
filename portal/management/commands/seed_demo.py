"""Fill the portal with the real administrative units and one demo account per role."""

import os
from importlib import import_module
from importlib.util import find_spec

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import transaction

from municipalities.models import Municipality
from municipalities.models import StaffMembership
from municipalities.services import admin_units_load
from portal import search
from portal.models import User

SECTION_APPS = [
    "municipalities",
    "participation",
    "participation.lawmaking",
    "budgets",
    "monitoring",
    "practices",
    "practices.questions",
    "portal.history",  # last: the history of what the demos above created directly
]
DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - printed in the README on purpose
DEMO_ACCOUNTS = [
    # e-mail, display name, flags, (municipality slug, staff level)
    ("admin@demo.kg", "Администратор", {"is_superuser": True, "is_staff": True}, None),
    ("moderator@demo.kg", "Модератор Айгүл", {"is_moderator": True}, None),
    ("monitor@demo.kg", "Мониторчу Бакыт", {"is_monitor": True}, None),
    ("manager@demo.kg", "Каракол мэриясы", {}, ("karakol", StaffMembership.Level.MANAGER)),
    ("staff@demo.kg", "Айыл өкмөтү Тепке", {}, ("tepkenskiy-aa", StaffMembership.Level.EDITOR)),
    ("citizen@demo.kg", "Нурлан Жолдошев", {}, None),
]


PASSWORD_ENV = "SEED_DEMO_PASSWORD"  # noqa: S105 - the variable's name, not a password
MIN_PASSWORD_LENGTH = 12


class Command(BaseCommand):
    help = (
        "Seed demo content (idempotent). Refuses to run unless DEBUG is on, or --without-debug "
        f"is given with {PASSWORD_ENV} set (a production-like stack: see README)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-debug",
            action="store_true",
            help=(
                "Seed a production-like stack (DEBUG off). The demo accounts then get the "
                f"password in {PASSWORD_ENV}, never the published one."
            ),
        )

    def handle(self, *args, **options):
        password = DEMO_PASSWORD
        if not settings.DEBUG:
            if not options["without_debug"]:
                raise CommandError(
                    "seed_demo only runs with DEBUG on: it creates known passwords. On a "
                    f"production-like stack run it with --without-debug and {PASSWORD_ENV} set."
                )
            password = os.environ.get(PASSWORD_ENV, "")
            if len(password) < MIN_PASSWORD_LENGTH or password == DEMO_PASSWORD:
                raise CommandError(
                    f"--without-debug needs {PASSWORD_ENV} in the environment: a password of "
                    f"{MIN_PASSWORD_LENGTH} characters or more, other than the published demo "
                    "one. The demo accounts get it."
                )
        self.password = password
        with transaction.atomic():
            report = admin_units_load()
            self.stdout.write(
                f"administrative units: created {len(report.created)}, "
                f"updated {len(report.updated)}, unchanged {len(report.unchanged)}"
            )
            for email, name, flags, membership in DEMO_ACCOUNTS:
                self._account(email, name, flags, membership)
            # Each section seeds its own demo content in <app>/demo.py: seed(stdout=...).
            for app in SECTION_APPS:
                if find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").seed(stdout=self.stdout)
            # Bulk-created demo rows bypass the save signals that keep search current.
            self.stdout.write(f"search index: {sum(search.reindex().values())} entries")
        shown = DEMO_PASSWORD if password == DEMO_PASSWORD else f"the one in {PASSWORD_ENV}"
        self.stdout.write(self.style.SUCCESS(f"demo accounts ready, password: {shown}"))

    def _account(self, email, name, flags, membership) -> None:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=self.password)
        elif self.password != DEMO_PASSWORD:  # never leave the published password behind
            user.set_password(self.password)
        user.display_name = name
        for flag, value in flags.items():
            setattr(user, flag, value)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if membership:
            slug, level = membership
            unit = Municipality.objects.filter(slug=slug).first()
            if unit is None:
                unit = Municipality.objects.filter(kind=Municipality.Kind.AYIL_AIMAK).first()
            StaffMembership.objects.update_or_create(
                user=user, municipality=unit, defaults={"level": level}
            )
