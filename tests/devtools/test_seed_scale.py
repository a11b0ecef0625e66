"""seed_scale: counts follow --scale, the same seed repeats, drafts stay off public pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from devtools import scale as scale_data
from devtools import scale_parts
from participation.lawmaking.models import ClauseText
from participation.lawmaking.models import Draft
from participation.lawmaking.models import DraftComment
from participation.models import Comment
from participation.models import Event
from portal.models import SearchEntry
from portal.models import User
from practices.questions.models import Question

pytestmark = pytest.mark.django_db

UNITS = 3


def seed(seed=7, scale=0.001, *extra):
    out = StringIO()
    call_command(
        "seed_scale", "--seed", str(seed), "--scale", str(scale), "--units", str(UNITS),
        "--force", *extra, stdout=out,
    )
    return out.getvalue()


def test_refuses_without_debug_or_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", "--seed", "1", "--scale", "0.001", stdout=StringIO())
    assert not Event.objects.exists()


def test_counts_follow_the_scale_and_the_report_names_each_part():
    output = seed(7, 0.001)
    assert User.objects.filter(email__endswith="@scale.invalid").count() == 200
    assert Event.objects.count() == 100
    assert Comment.objects.count() == 1_000
    assert Event.objects.filter(status=Event.Status.DRAFT).exists()
    assert set(Event.objects.values_list("status", flat=True)) >= {"draft", "open", "results"}
    from budgets.models import BudgetYear

    assert BudgetYear.objects.count() == UNITS * scale_parts.YEARS
    from monitoring.models import Evaluation

    assert 40 <= Evaluation.objects.count() <= 50
    for part in ("users:", "budgets:", "events:", "comments:", "monitoring:", "practices:",
                 "questions:", "draft acts:", "search index:", "seed_scale done"):
        assert part in output
    assert Question.objects.count() == 20
    assert Draft.objects.count() == 2
    # every draft has its numbered clauses in the first revision
    assert ClauseText.objects.count() == 2 * scale_parts.CLAUSES_PER_DRAFT
    assert set(ClauseText.objects.values_list("number", flat=True)) == set(
        range(1, scale_parts.CLAUSES_PER_DRAFT + 1)
    )

    # ten times the scale, ten times the rows (after a reset)
    seed(7, 0.01, "--reset", "--no-search")
    assert Event.objects.count() == 1_000
    assert Comment.objects.count() == 10_000
    assert Draft.objects.count() == 20
    assert User.objects.filter(email__endswith="@scale.invalid").count() == 2_000
    # adopted drafts carry a decision on every comment: the summary table of proposals
    adopted = DraftComment.objects.filter(draft__status=Draft.Status.ADOPTED)
    assert adopted.exists()
    assert not adopted.filter(decision="").exists()


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    seed(11, 0.001, "--no-search")
    first = list(scale_data.iter_fingerprint())
    seed(11, 0.001, "--reset", "--no-search")
    assert list(scale_data.iter_fingerprint()) == first
    seed(12, 0.001, "--reset", "--no-search")
    assert list(scale_data.iter_fingerprint()) != first


def test_drafts_stay_invisible_on_public_pages(client):
    seed(5, 0.001)
    drafts = list(Event.objects.filter(status=Event.Status.DRAFT))
    assert drafts
    draft = drafts[0]
    # the public list (and its count) leave drafts out
    response = client.get(reverse("events:landing"))
    assert response.status_code == 200
    public = Event.objects.exclude(status=Event.Status.DRAFT).count()
    listed = response.context["page"].paginator.count
    assert listed == public
    assert all(e.status != Event.Status.DRAFT for e in response.context["page"])
    # the draft's own page is not found for visitors, and search does not offer it
    assert client.get(draft.get_absolute_url()).status_code == 404
    entry = SearchEntry.objects.get(kind="event", object_id=draft.pk)
    assert entry.is_public is False
    assert SearchEntry.objects.filter(kind="event", is_public=True).count() == public
