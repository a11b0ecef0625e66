"""The questions' admin: site administrators look things up; acts happen on the site."""

import pytest

pytestmark = pytest.mark.django_db


def test_site_administrators_see_questions_but_do_not_answer_or_hide_there(
    client, site_admin, staff_of, question
):
    url = f"/admin/questions/question/{question.pk}/change/"
    client.force_login(staff_of(question.municipality))
    assert client.get(url).status_code == 302  # the admin is for superusers only
    client.force_login(site_admin)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["adminform"].form.fields.keys().isdisjoint({"answer", "is_hidden"})
    assert client.get("/admin/questions/question/add/").status_code == 403
    assert client.get("/admin/moderation/moderationrecord/").status_code == 200
