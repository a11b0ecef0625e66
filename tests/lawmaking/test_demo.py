import io

import pytest

from participation.lawmaking import demo as demo_lawmaking
from participation.lawmaking.models import Draft
from participation.lawmaking.models import DraftComment

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(municipality_factory, user_factory):
    municipality_factory(slug="tepkenskiy-aa")
    municipality_factory(slug="karakol")
    for email in ("resident1@demo.kg", "resident2@demo.kg", "resident5@demo.kg"):
        user_factory(email=email)
    for _ in range(2):
        demo_lawmaking.seed(stdout=io.StringIO())
    assert Draft.objects.count() == 3
    assert Draft.objects.filter(status=Draft.Status.ADOPTED, municipality=None).count() == 1
    assert DraftComment.objects.count() == 3
    assert DraftComment.objects.exclude(decision="").count() == 2
