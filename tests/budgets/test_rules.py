"""Permission matrix: every budgets permission for every role, municipality from the object."""

import pytest
from django.contrib.auth.models import AnonymousUser

from budgets.models import PendingImport
from municipalities.models import Municipality
from portal.permissions import can

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin"]


@pytest.fixture
def people(aa, other_aa, citizen, staff_of, user_factory):
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "staff": staff_of(aa),
        "other_staff": staff_of(other_aa),
        "moderator": user_factory(is_moderator=True),
        "admin": user_factory(is_superuser=True, is_staff=True),
    }


def allowed(people, perm, obj=None):
    return {role: can(people[role], perm, obj) for role in ROLES}


def expect(*roles):
    return {role: role in roles for role in ROLES}


def test_everyone_reads_budgets_and_transfers(people, published):
    assert allowed(people, "budgets.view_budgetyear", published) == expect(*ROLES)
    assert allowed(people, "budgets.view_transfer") == expect(*ROLES)


def test_only_own_staff_and_admins_add_a_budget_to_a_self_governing_unit(people, aa, rayon):
    assert allowed(people, "budgets.add_budgetyear", aa) == expect("staff", "admin")
    # A rayon has no budget of its own: nobody adds one, site administrators included.
    assert rayon.kind == Municipality.Kind.RAYON
    assert allowed(people, "budgets.add_budgetyear", rayon) == expect()


def test_only_own_staff_and_admins_change_a_budget_and_its_calendar(people, published):
    assert allowed(people, "budgets.change_budgetyear", published) == expect("staff", "admin")
    assert allowed(people, "budgets.change_calendarstage", published) == expect("staff", "admin")


def test_only_the_uploader_confirms_an_upload_while_still_staff(people, published):
    pending = PendingImport.objects.create(
        budget=published, uploaded_by=people["staff"], filename="b.csv"
    )
    # A site administrator does not confirm someone else's upload: the uploader answers for it.
    assert allowed(people, "budgets.confirm_pendingimport", pending) == expect("staff")
    people["staff"].staff_memberships.all().delete()
    del people["staff"]._staff_levels
    assert allowed(people, "budgets.confirm_pendingimport", pending) == expect()


def test_the_national_transfer_dataset_is_kept_by_site_admins(people, transfer_factory, aa):
    transfer = transfer_factory(municipality=aa)
    assert allowed(people, "budgets.add_transfer") == expect("admin")
    assert allowed(people, "budgets.change_transfer", transfer) == expect("admin")


def test_an_inactive_staff_member_loses_every_right(people, published):
    people["staff"].is_active = False
    assert not can(people["staff"], "budgets.change_budgetyear", published)
