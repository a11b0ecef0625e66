"""Comments, replies, flags, hiding, blocking, rate limit, htmx variants."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from participation import services
from participation.models import Comment
from portal.moderation import services as moderation
from portal.moderation.models import ModerationRecord

pytestmark = pytest.mark.django_db


def post_comment(client, event, text, parent=None, **headers):
    data = {"text": text}
    if parent:
        data["parent"] = parent.pk
    return client.post(f"/ky/events/{event.pk}/comments/", data, headers=headers)


def test_citizen_comments_and_links_become_nofollow_ugc(client, citizen, event):
    client.force_login(citizen)
    response = post_comment(client, event, "Смета: https://example.kg/smeta <b>жок</b>")
    assert response.status_code == 302
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'href="https://example.kg/smeta" rel="nofollow ugc"' in html
    assert "<b>жок</b>" not in html
    assert "&lt;b&gt;жок&lt;/b&gt;" in html


def test_anonymous_is_sent_to_login_and_nothing_saved(client, event):
    response = post_comment(client, event, "Салам")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_comments_closed_when_event_not_open(client, citizen, event_factory):
    event = event_factory(status="published")
    client.force_login(citizen)
    assert post_comment(client, event, "Салам").status_code == 403
    assert not Comment.objects.exists()


def test_a_superuser_does_not_comment_before_the_event_opens(client, site_admin, event_factory):
    """The period is the workflow's, not a right: the page and the service refuse him too."""
    from django.core.exceptions import PermissionDenied

    event = event_factory(status="published")
    client.force_login(site_admin)
    assert post_comment(client, event, "Салам").status_code == 403
    with pytest.raises(PermissionDenied):
        services.comment_create(user=site_admin, event=event, text="Салам")
    assert not Comment.objects.exists()


def test_empty_comment_is_refused_with_a_message(client, citizen, event):
    client.force_login(citizen)
    response = post_comment(client, event, "   ")
    assert response.status_code == 302
    assert not Comment.objects.exists()
    page = client.get(event.get_absolute_url())
    assert any(m.level_tag == "error" for m in page.context["messages"])


def test_reply_one_level_only(client, citizen, event, comment_factory):
    top = comment_factory(event=event)
    client.force_login(citizen)
    post_comment(client, event, "Жооп", parent=top)
    reply = Comment.objects.get(parent=top)
    post_comment(client, event, "Жооптун жообу", parent=reply)
    assert Comment.objects.filter(parent=reply).count() == 0
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Жооп" in html


def test_reply_to_another_events_comment_is_refused(citizen, event, comment_factory):
    other = comment_factory()
    with translation.override("en"), pytest.raises(
        ValidationError, match="only to a comment on this event"
    ):
        services.comment_create(user=citizen, event=event, text="x", parent=other)


def test_rate_limit_per_user(client, citizen, event, settings, user_factory):
    settings.PARTICIPATION_COMMENT_RATE = (3, 60)
    client.force_login(citizen)
    for number in range(3):
        post_comment(client, event, f"comment {number}")
    response = post_comment(client, event, "one too many", HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps the message in
    assert 'role="alert"' in response.content.decode()
    assert Comment.objects.filter(author=citizen).count() == 3
    # another user is not affected
    client.force_login(user_factory())
    post_comment(client, event, "someone else")
    assert Comment.objects.count() == 4


def test_htmx_post_returns_the_comment_section_with_vary(client, citizen, event):
    client.force_login(citizen)
    response = post_comment(client, event, "htmx comment", HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="comments"')
    assert "<html" not in body
    assert "htmx comment" in body
    assert "HX-Request" in response["Vary"]


def test_flag_then_queue_then_hide_with_email_and_record(
    client, citizen, event, comment_factory, staff_of, user_factory,
    django_capture_on_commit_callbacks,
):
    author = user_factory(preferred_language="ru")
    comment = comment_factory(event=event, author=author, text="Оскорбление")
    client.force_login(citizen)
    response = client.post(f"/ky/events/comments/{comment.pk}/flag/", {"reason": "тил тийгизүү"})
    assert response.status_code == 302
    assert comment.flags.filter(is_resolved=False).count() == 1

    staff = staff_of(event.municipality)
    client.force_login(staff)
    queue = client.get("/ky/moderation/").content.decode()
    assert "Оскорбление" in queue
    assert "тил тийгизүү" in queue

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/ky/events/comments/{comment.pk}/hide/", {"reason": "Оскорбление жителей"}
        )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_reason == "Оскорбление жителей"
    assert not comment.flags.filter(is_resolved=False).exists()
    record = ModerationRecord.objects.get()
    assert (record.actor, record.action, record.item) == (staff, "hide", comment)
    [message] = mail.outbox
    assert message.to == [author.email]
    assert "Оскорбление жителей" in message.body
    assert "скрыт" in message.subject.lower() or "hidden" in message.subject.lower()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Оскорбление жителей" in html  # placeholder with reason stays
    assert "<p>Оскорбление</p>" not in html
    queue = client.get("/ky/moderation/").content.decode()
    assert "<blockquote><p>Оскорбление</p>" not in queue  # out of the queue...
    assert "Оскорбление жителей" in queue  # ...and in the latest acts, with the reason


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("citizen", 403),
                                              ("other_staff", 403), ("staff", 302),
                                              ("moderator", 302), ("admin", 302)])
def test_hide_matrix(client, roles, event, comment_factory, role, status):
    comment = comment_factory(event=event)
    if role != "anonymous":
        client.force_login(roles[role])
    response = client.post(f"/ky/events/comments/{comment.pk}/hide/", {"reason": "spam"})
    assert response.status_code == status
    if status == 302 and role == "anonymous":
        assert "/accounts/login/" in response["Location"]
    comment.refresh_from_db()
    assert comment.is_hidden is (role in ("staff", "moderator", "admin"))


def test_hide_without_reason_re_renders(client, moderator, comment):
    client.force_login(moderator)
    response = client.post(f"/ky/events/comments/{comment.pk}/hide/", {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not ModerationRecord.objects.exists()


def test_htmx_hide_returns_the_placeholder(client, moderator, comment):
    client.force_login(moderator)
    response = client.post(
        f"/ky/events/comments/{comment.pk}/hide/",
        {"reason": "спам"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.startswith(f'<li id="comment-{comment.pk}"')
    assert "спам" in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("citizen", 403),
                                              ("other_staff", 403), ("staff", 302),
                                              ("moderator", 302), ("admin", 302)])
def test_restore_matrix(client, roles, event, comment_factory, moderator, role, status):
    comment = comment_factory(event=event)
    moderation.item_hide(actor=moderator, obj=comment, reason="spam")
    if role != "anonymous":
        client.force_login(roles[role])
    response = client.post(f"/ky/events/comments/{comment.pk}/restore/")
    assert response.status_code == status
    comment.refresh_from_db()
    assert comment.is_hidden is not (role in ("staff", "moderator", "admin"))


def test_a_hide_made_in_error_is_undone_and_both_acts_stay_on_record(
    client, moderator, comment
):
    moderation.item_hide(actor=moderator, obj=comment, reason="ката")
    client.force_login(moderator)
    page = client.get(comment.event.get_absolute_url()).content.decode()
    assert f"/events/comments/{comment.pk}/restore/" in page  # offered on the placeholder
    response = client.post(f"/ru/events/comments/{comment.pk}/restore/", follow=True)
    assert "Комментарий снова показан." in response.content.decode()
    comment.refresh_from_db()
    assert (comment.is_hidden, comment.hidden_reason, comment.hidden_at) == (False, "", None)
    assert list(
        ModerationRecord.objects.order_by("pk").values_list("action", flat=True)
    ) == ["hide", "restore"]
    # Restoring a visible comment changes nothing and says so.
    response = client.post(f"/ru/events/comments/{comment.pk}/restore/", follow=True)
    assert "Этот текст не скрыт." in response.content.decode()
    assert ModerationRecord.objects.count() == 2
    assert client.get(f"/ru/events/comments/{comment.pk}/restore/").status_code == 405


def test_dismiss_flags_is_recorded(client, moderator, comment, citizen):
    moderation.flag_create(user=citizen, obj=comment, reason="")
    client.force_login(moderator)
    client.post(f"/ky/events/comments/{comment.pk}/dismiss/")
    assert not comment.flags.filter(is_resolved=False).exists()
    assert ModerationRecord.objects.get().action == "dismiss"
    comment.refresh_from_db()
    assert not comment.is_hidden






def test_load_more_comments_htmx_and_without_js(client, event, comment_factory, settings):
    settings.PAGE_SIZE = 3
    for number in range(7):
        comment_factory(event=event, text=f"comment number {number}")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "comment number 6" in html  # newest first
    assert "comment number 3" not in html
    assert "?page=2" in html
    # without JavaScript: a full page
    full = client.get(event.get_absolute_url() + "?page=2")
    assert "<html" in full.content.decode()
    assert "comment number 3" in full.content.decode()
    # with htmx: only the next items
    part = client.get(event.get_absolute_url() + "?page=2", headers={"HX-Request": "true"})
    body = part.content.decode()
    assert "<html" not in body
    assert "comment number 3" in body
    assert "comment number 6" not in body
    assert "HX-Request" in part["Vary"]


def test_print_version_of_a_long_discussion_has_no_navigation(client, event, comment_factory,
                                                              settings):
    settings.PAGE_SIZE = 2
    comment_factory.create_batch(5, event=event)
    html = client.get(event.get_absolute_url() + "?print=1").content.decode()
    assert "<nav" not in html
    assert "load-more" not in html


def test_after_an_htmx_post_load_more_still_points_at_the_event_page(
    client, citizen, event, comment_factory, settings
):
    settings.PAGE_SIZE = 2
    comment_factory.create_batch(3, event=event)
    client.force_login(citizen)
    response = post_comment(client, event, "жаңы", HX_REQUEST="true")
    body = response.content.decode()
    assert f'hx-get="/ky/events/{event.pk}/?page=2"' in body
    assert "/comments/?page=" not in body


def test_comments_still_post_when_the_cache_is_down(citizen, event, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("redis is away")

    monkeypatch.setattr(cache, "add", broken)
    services.comment_create(user=citizen, event=event, text="салам")
    assert Comment.objects.count() == 1


def test_cannot_flag_own_comment(client, citizen, event, comment_factory):
    comment = comment_factory(event=event, author=citizen)
    client.force_login(citizen)
    assert client.post(f"/ky/events/comments/{comment.pk}/flag/").status_code == 403
    assert not comment.flags.exists()


def test_comments_and_the_description_are_not_processed_by_htmx(client, comment_factory):
    from tests.helpers import htmx_disabled_around

    comment = comment_factory(text="Көпүрөнү оңдоо керек")
    comment_factory(event=comment.event, parent=comment, text="Макулмун, көпүрө эски")
    html = client.get(comment.event.get_absolute_url()).content.decode()
    assert htmx_disabled_around(html, "Көпүрөнү оңдоо керек") == [True]
    assert htmx_disabled_around(html, "Макулмун, көпүрө эски") == [True]
    assert htmx_disabled_around(html, "Жергиликтүү бюджеттин долбоорун") == [True]
