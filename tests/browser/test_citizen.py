"""A citizen's journey in a real browser, in Kyrgyz and in Russian: register (confirming the
e-mail through its link), log in, comment on an open event, choose an alternative and say they
will attend — these three through htmx, without a full page reload — and ask their
municipality a question in public."""

import re

import pytest
from django.core import mail
from django.utils import translation

from participation.models import Attendance
from participation.models import Choice
from participation.models import Comment
from portal import formats
from portal.models import User
from practices.questions.models import Question
from tests.browser.conftest import BROWSER
from tests.participation.factories import AlternativeFactory
from tests.participation.factories import EventFactory

pytestmark = BROWSER

PASSWORD = "Kyrgyz-Tili-2026-browser"


def mark_page(page):
    """Leave a mark in the window: a full reload wipes it, an htmx swap does not."""
    page.evaluate("() => { window.__no_reload = 'still here'; }")


def assert_not_reloaded(page, url):
    assert page.url == url
    assert page.evaluate("() => window.__no_reload") == "still here"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_register_confirm_login_comment_choose_attend(page, live_server, lang):
    event = EventFactory(title_ky="Айылдын жолу", title_ru="Дорога села")
    first, second = AlternativeFactory(event=event), AlternativeFactory(event=event)
    email = f"citizen-{lang}@example.kg"

    # Register.
    page.goto(f"/{lang}/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert User.objects.filter(email=email).exists()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s/]+(/\w\w/accounts/confirm-email/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert link.group(1).startswith(f"/{lang}/")

    # Confirm the address: the link opens a page with a button (no change on GET).
    page.goto(link.group(1))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert User.objects.get(email=email).emailaddress_set.get().verified

    # Log in.
    page.goto(f"/{lang}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url

    # Comment on the open event (htmx replaces the comments section).
    event_url = f"{live_server.url}/{lang}/events/{event.pk}/"
    page.goto(event_url)
    mark_page(page)
    text = f"Жолду оңдоо биринчи орунда болушу керек ({lang})."
    page.fill("#comment-text", text)
    page.locator("#comments form button[type=submit]").click()
    page.locator("#comment-list").get_by_text(text).wait_for()
    assert_not_reloaded(page, event_url)
    assert Comment.objects.filter(event=event, author__email=email, text=text).exists()

    # Choose an alternative (htmx replaces the choice section with a confirmation).
    page.locator(f"label[for=alt-{second.pk}]").click()
    page.locator("#choice form button[type=submit]").click()
    page.locator("#choice [role=status]").wait_for()
    assert_not_reloaded(page, event_url)
    assert page.locator(f"#alt-{second.pk}").is_checked()
    assert Choice.objects.get(event=event, user__email=email).alternative_id == second.pk
    # ... and change it: still one choice per person.
    page.locator(f"label[for=alt-{first.pk}]").click()
    with page.expect_response(f"**/events/{event.pk}/choose/") as swap:
        page.locator("#choice form button[type=submit]").click()
    assert swap.value.request.headers.get("hx-request") == "true"
    page.locator("#choice [role=status]").wait_for()
    assert page.locator(f"#alt-{first.pk}").is_checked()
    assert Choice.objects.get(event=event, user__email=email).alternative_id == first.pk

    # Say they will attend (htmx replaces the attend section; the button is now pressed).
    page.locator("#attend form button[type=submit]").click()
    page.locator("#attend button[aria-pressed=true]").wait_for()
    assert_not_reloaded(page, event_url)
    assert Attendance.objects.filter(event=event, user__email=email).exists()
    assert "1" in page.locator("#attend p").first.inner_text()

    # Ask the event's municipality a question: published at once, with its answer deadline.
    page.goto(f"/{lang}/information/questions/ask/?municipality={event.municipality.slug}")
    subject = f"Көчө жарыгы ({lang})"
    page.fill("input[name=title]", subject)
    page.fill("textarea[name=text]", "Түнкүсүн көчөлөр караңгы. Качан оңдолот?")
    page.locator("main form button[type=submit]").last.click()
    question = Question.objects.get(author__email=email)
    page.wait_for_url(f"**/{lang}/information/questions/{question.pk}/")
    assert question.municipality == event.municipality
    assert question.title == subject
    assert subject in page.locator("main h1").inner_text()
    with translation.override(lang):  # "answer due by <date>", the date as the page writes it
        due = formats.date_until(question.deadline)
    assert due in page.locator("main").inner_text()
