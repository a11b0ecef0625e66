"""The anonymous page cache: shared per language, dropped on change, never personal."""

import pytest

from portal import page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_second_anonymous_visit_is_served_from_the_cache(client):
    first = client.get("/ky/municipalities/")
    second = client.get("/ky/municipalities/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == "ky"


def test_each_language_has_its_own_entry(client):
    client.get("/ky/")
    response = client.get("/ru/")
    assert response["X-Page-Cache"] == "miss"
    assert '<html lang="ru">' in response.content.decode()


def test_a_change_to_content_drops_every_cached_page(client, municipality_factory):
    unit = municipality_factory(name_ky="Эски аталыш")
    client.get(unit.get_absolute_url())
    unit.name_ky = "Жаңы аталыш"
    unit.save()
    response = client.get(unit.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Жаңы аталыш" in response.content.decode()


def test_signed_in_visitors_are_never_served_or_stored(client, user):
    client.get("/ky/")
    client.force_login(user)
    response = client.get("/ky/")
    assert "X-Page-Cache" not in response
    assert "X-CSRFToken" in response.content.decode()
    client.logout()
    assert "X-CSRFToken" not in client.get("/ky/").content.decode()


def test_account_pages_are_never_cached(client):
    client.get("/ky/accounts/login/")
    assert "X-Page-Cache" not in client.get("/ky/accounts/login/")


def test_answers_with_a_form_token_or_a_cookie_are_not_stored():
    from django.http import HttpResponse

    with_token = HttpResponse('<input name="csrfmiddlewaretoken" value="x">')
    with_cookie = HttpResponse("<p>hello</p>")
    with_cookie.set_cookie("lang", "ru")
    private = HttpResponse("<p>hello</p>", headers={"Cache-Control": "private"})
    plain = HttpResponse("<p>hello</p>")
    assert not page_cache._cacheable_response(with_token)
    assert not page_cache._cacheable_response(with_cookie)
    assert not page_cache._cacheable_response(private)
    assert page_cache._cacheable_response(plain)


def test_htmx_fragments_and_full_pages_are_kept_apart(client):
    client.get("/ky/municipalities/directory/")
    fragment = client.get("/ky/municipalities/directory/", headers={"hx-request": "true"})
    assert fragment["X-Page-Cache"] == "miss"
    assert "HX-Request" in fragment["Vary"]


def test_posts_and_errors_are_not_cached(client):
    assert "X-Page-Cache" not in client.get("/ky/no-such-page/")
    assert "X-Page-Cache" not in client.post("/ky/search/")


def test_a_change_drops_only_the_pages_that_show_its_section(client, municipality_factory):
    """A comment on an event must not empty the budget and monitoring pages for everyone."""
    from tests.participation.factories import CommentFactory
    from tests.participation.factories import EventFactory

    event = EventFactory()
    pages = ["/ky/", "/ky/events/", "/ky/budgets/", "/ky/monitoring/", "/ky/practices/",
             event.municipality.get_absolute_url()]
    for page in pages:
        assert client.get(page)["X-Page-Cache"] == "miss"
    CommentFactory(event=event)
    again = {page: client.get(page)["X-Page-Cache"] for page in pages}
    assert again == {
        "/ky/": "miss",  # the home page shows every section
        "/ky/events/": "miss",
        "/ky/budgets/": "miss",  # budget calendars link to hearings
        "/ky/monitoring/": "hit",
        "/ky/practices/": "hit",
        event.municipality.get_absolute_url(): "miss",  # the profile shows every section
    }
    # A change to the directory reaches every page: each one names its municipality.
    municipality_factory()
    assert {client.get(page)["X-Page-Cache"] for page in pages} == {"miss"}



def test_law_making_and_questions_are_versioned_apart_from_their_hosts(
    client, municipality_factory, user_factory
):
    """Law-making and questions are their own apps: an event comment leaves /law-making/
    cached, a question leaves /practices/ and /stories/ cached, a draft leaves /events/."""
    from tests.lawmaking.factories import DraftFactory
    from tests.participation.factories import CommentFactory
    from tests.participation.factories import EventFactory
    from tests.questions.factories import QuestionFactory

    unit, author = municipality_factory(), user_factory()
    event = EventFactory(municipality=unit)
    draft = DraftFactory(municipality=unit)
    pages = ["/ky/law-making/", "/ky/law-making/drafts/", draft.get_absolute_url(),
             "/ky/events/", "/ky/practices/", "/ky/stories/", "/ky/information/",
             "/ky/information/questions/"]

    def visits():
        return {page: client.get(page)["X-Page-Cache"] for page in pages}

    assert set(visits().values()) == {"miss"}
    CommentFactory(event=event, author=author)
    assert visits() == {**dict.fromkeys(pages, "hit"), "/ky/events/": "miss"}
    QuestionFactory(municipality=unit, author=author)
    assert visits() == {**dict.fromkeys(pages, "hit"), "/ky/information/questions/": "miss"}
    DraftFactory(municipality=unit)
    assert visits() == {
        **dict.fromkeys(pages, "hit"),
        "/ky/law-making/": "miss",
        "/ky/law-making/drafts/": "miss",
        draft.get_absolute_url(): "miss",
    }


def test_apps_under_another_sections_address_name_their_own_pages():
    assert page_cache.apps_shown("/ky/information/questions/12/") == ("questions", "municipalities")
    assert page_cache.apps_shown("/ky/information/news/") == ("practices", "municipalities")
    assert page_cache.apps_shown("/ru/law-making/drafts/3/") == ("lawmaking", "municipalities")
    assert {"lawmaking", "questions"} <= set(page_cache.CONTENT_APPS)

def test_sign_ins_and_subscriptions_leave_the_cache_alone(client, user, municipality_factory):
    from portal.models import Subscription

    unit = municipality_factory()
    client.get("/ky/monitoring/")
    user.last_login = None
    user.save()
    Subscription.objects.create(user=user, municipality=unit)
    assert client.get("/ky/monitoring/")["X-Page-Cache"] == "hit"


def test_pages_name_the_apps_they_show():
    assert page_cache.apps_shown("/ru/monitoring/cycles/1/scorecard/") == (
        "monitoring", "municipalities"
    )
    every_app = tuple(page_cache.CONTENT_APPS)
    assert page_cache.apps_shown("/ky/") == every_app
    assert page_cache.apps_shown("/ky/search/") == every_app
    assert page_cache.apps_shown("/ky/municipalities/tepke/") == every_app


def test_content_apps_and_sections_are_registered_by_the_apps():
    """Each app registers itself in its registrations.py; portal lists none of them."""
    assert page_cache.CONTENT_APPS == [
        "municipalities", "participation", "lawmaking", "budgets", "monitoring", "practices",
        "questions",
    ]
    assert page_cache.apps_shown("/ky/budgets/x/") == ("budgets", "participation", "municipalities")
    assert page_cache.apps_shown("/ky/law-making/1/") == ("lawmaking", "municipalities")
    assert page_cache.apps_shown("/ky/information/questions/") == ("questions", "municipalities")
    for path in ("events", "participation", "law-making", "practices", "stories", "information"):
        assert path in page_cache.SECTION_APPS
    for labels in page_cache.SECTION_APPS.values():
        assert set(labels) <= set(page_cache.CONTENT_APPS)


def test_a_registered_section_gets_its_own_versions(monkeypatch):
    monkeypatch.setattr(page_cache, "SECTION_APPS", dict(page_cache.SECTION_APPS))
    monkeypatch.setattr(page_cache, "CONTENT_APPS", list(page_cache.CONTENT_APPS))
    page_cache.register_section("news-desk", ("practices", "municipalities"))
    assert page_cache.apps_shown("/ru/news-desk/1/") == ("practices", "municipalities")


def test_a_history_restore_is_served_the_cached_page_never_the_fragment(client):
    client.get("/ky/municipalities/directory/", headers={"hx-request": "true"})
    headers = {"hx-request": "true", "hx-history-restore-request": "true"}
    restore = client.get("/ky/municipalities/directory/", headers=headers)
    assert restore["X-Page-Cache"] == "miss"
    assert "<html" in restore.content.decode()
    assert "HX-History-Restore-Request" in restore["Vary"]
