"""Public pages: landings, lists with filters, details, print one-pagers, empty states,
both languages, htmx fragments, and pinned query counts (1 row vs many rows)."""

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from practices.demo_files import png_bytes
from practices.models import NewsItem
from practices.models import Status
from practices.services import photo_add

pytestmark = pytest.mark.django_db

LIST_URLS = [
    "/{lang}/practices/",
    "/{lang}/stories/",
    "/{lang}/information/",
    "/{lang}/information/news/",
    "/{lang}/information/documents/",
]


@pytest.fixture
def content(practice_factory, story_factory, news_item_factory, document_factory,
            funding_source_factory, result_indicator_factory, unit, editor):
    practice = practice_factory(municipality=unit)
    funding_source_factory(practice=practice)
    result_indicator_factory(practice=practice)
    photo_add(owner=practice, upload=ContentFile(png_bytes(4, 4), name="a.png"), actor=editor)
    story = story_factory(municipality=unit, practice=practice)
    news = news_item_factory(municipality=unit)
    document = document_factory()
    return {"practice": practice, "story": story, "news": news, "document": document}


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("path", LIST_URLS)
def test_empty_states(client, lang, path):
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="empty"' in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("path", LIST_URLS)
def test_lists_show_published_items_in_both_languages(client, content, lang, path):
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'class="empty"' not in html.split('id="results"')[-1].split("</section>")[0]
    if "practices" in path:
        title = {"ky": content["practice"].title_ky, "ru": content["practice"].title_ru}[lang]
        assert title in html
    if "documents" in path:
        assert content["document"].number in html


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("kind", ["practice", "story", "news", "document"])
def test_details_render_and_print_without_navigation(client, content, lang, kind):
    url = content[kind].get_absolute_url().replace("/ky/", f"/{lang}/")
    url = url.replace("/ru/", f"/{lang}/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    printed = client.get(url + "?print=1").content.decode()
    assert "<nav" not in printed
    assert "<form" not in printed
    assert "Editorial status" not in printed


def test_practice_one_pager_holds_the_whole_case(client, content):
    practice = content["practice"]
    html = client.get(f"/ru/practices/{practice.pk}/?print=1").content.decode()
    for part in ("Проблема", "Решение", "Первый шаг", "Результат", "Показатель",
                 "100\u00a0000", "специалист", "<table", '<th scope="row"'):
        assert part in html, part


def test_drafts_are_invisible_everywhere(client, practice_factory, story_factory,
                                         news_item_factory, document_factory, unit):
    drafts = [
        practice_factory(municipality=unit, status=Status.DRAFT, published_at=None,
                         title_ru="ЧЕРНОВИК-П"),
        story_factory(municipality=unit, status=Status.SUBMITTED, published_at=None,
                      title_ru="ЧЕРНОВИК-И"),
        news_item_factory(status=Status.RETURNED, published_at=None, title_ru="ЧЕРНОВИК-Н"),
        document_factory(status=Status.DRAFT, published_at=None, title_ru="ЧЕРНОВИК-Д"),
    ]
    for path in LIST_URLS:
        assert "ЧЕРНОВИК" not in client.get(path.format(lang="ru")).content.decode()
    for draft in drafts:
        assert client.get(draft.get_absolute_url()).status_code == 404
    from practices.selectors import municipality_information_block
    from practices.selectors import municipality_profile_block

    assert municipality_profile_block(unit)["items"] == []
    assert municipality_information_block(unit)["items"] == []


def test_filters(client, practice_factory, funding_source_factory, municipality_factory):
    water = practice_factory(theme="water", title_ru="Вода для всех")
    waste = practice_factory(theme="waste", title_ru="Чистая улица")
    funding_source_factory(practice=waste, kind="donor")
    assert "Чистая улица" not in client.get("/ru/practices/?theme=water").content.decode()
    assert "Вода для всех" in client.get("/ru/practices/?theme=water").content.decode()
    html = client.get("/ru/practices/?q=ВОДА").content.decode()
    assert "Вода для всех" in html
    assert "Чистая улица" not in html
    html = client.get("/ru/practices/?funding=donor").content.decode()
    assert "Чистая улица" in html
    assert "Вода для всех" not in html
    html = client.get(f"/ru/practices/?municipality={water.municipality.slug}").content.decode()
    assert "Вода для всех" in html
    assert "Чистая улица" not in html
    html = client.get("/ru/practices/?theme=budget").content.decode()
    assert "Нет опубликованных практик, подходящих под эти фильтры." in html


def test_news_and_document_filters(client, news_item_factory, document_factory, unit):
    news_item_factory(title_ru="Национальная", municipality=None)
    news_item_factory(title_ru="Местная", municipality=unit, kind=NewsItem.Kind.ANNOUNCEMENT)
    html = client.get("/ru/information/news/?scope=national").content.decode()
    assert "Национальная" in html
    assert "Местная" not in html
    html = client.get("/ru/information/news/?kind=announcement").content.decode()
    assert "Местная" in html
    assert "Национальная" not in html
    document_factory(title_ru="Закон о МСУ", doc_type="law", number="123")
    document_factory(title_ru="Шаблон протокола", doc_type="template", number="")
    html = client.get("/ru/information/documents/?doc_type=template").content.decode()
    assert "Шаблон протокола" in html
    assert "Закон о МСУ" not in html
    html = client.get("/ru/information/documents/?q=123").content.decode()
    assert "Закон о МСУ" in html
    assert "Шаблон протокола" not in html


def test_pagination_keeps_the_filters(client, practice_factory, settings):
    settings.PAGE_SIZE = 2
    practice_factory.create_batch(3, theme="water")
    html = client.get("/ru/practices/?theme=water").content.decode()
    assert "?theme=water&amp;page=2" in html


def test_htmx_gets_only_the_results(client, practice):
    response = client.get("/ru/practices/?theme=water", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_replication_links_both_ways(client, practice_factory, municipality_factory):
    original = practice_factory(title_ru="Оригинал")
    copy_unit = municipality_factory(name_ky="Көчүрмө-аймак", name_ru="Копия-аймак")
    copy = practice_factory(municipality=copy_unit, original=original, title_ru="ДУБЛЬ-Б")
    hidden = practice_factory(original=original, status=Status.DRAFT, published_at=None)
    with translation.override("ru"):
        html = client.get(original.get_absolute_url()).content.decode()
        assert copy.get_absolute_url() in html
        assert "Копия-аймак" in html
        assert hidden.get_absolute_url() not in html
        html = client.get(copy.get_absolute_url()).content.decode()
        assert original.get_absolute_url() in html
    html = client.get("/ru/practices/?replicated=on").content.decode()
    assert "Оригинал" in html
    assert "ДУБЛЬ-Б" not in html


def test_replication_cannot_point_to_its_own_municipality(client, staff_of, practice):
    from tests.practices.test_workflow import practice_post

    client.force_login(staff_of(practice.municipality))
    response = client.post(
        "/ru/practices/new/", practice_post(practice.municipality, original=practice.pk)
    )
    assert response.status_code == 200
    assert practice.replications.count() == 0


def test_desk_lists_what_waits(client, editor, staff_of, unit, practice_factory):
    submitted = practice_factory(municipality=unit, status=Status.SUBMITTED, published_at=None,
                                 title_ru="Ждёт проверки")
    client.force_login(editor)
    assert submitted.title_ru in client.get("/ru/practices/desk/").content.decode()
    client.force_login(staff_of(unit))
    html = client.get("/ru/practices/desk/").content.decode()
    assert submitted.title_ru in html


def _many(content_factories, n):
    for factory in content_factories:
        factory.create_batch(n)


@pytest.mark.parametrize("path", [*LIST_URLS, "/{lang}/practices/desk/"])
def test_list_query_counts_do_not_grow_with_rows(
    client, django_assert_max_num_queries, practice_factory, story_factory, news_item_factory,
    document_factory, funding_source_factory, editor, path,
):
    client.force_login(editor)
    url = path.format(lang="ru")
    factories = [practice_factory, story_factory, news_item_factory, document_factory]
    _many(factories, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _many(factories, 12)
    for practice in practice_factory.create_batch(3):
        funding_source_factory.create_batch(2, practice=practice)
        practice_factory(original=practice)
    with django_assert_max_num_queries(len(one)):
        assert client.get(url).status_code == 200
    assert len(one) <= 16, [q["sql"][:80] for q in one.captured_queries]


@pytest.mark.parametrize("kind", ["practice", "story", "news", "document"])
def test_detail_query_counts_are_pinned(client, django_assert_max_num_queries, content,
                                        practice_factory, funding_source_factory,
                                        result_indicator_factory, story_factory, editor, kind):
    item = content[kind]
    with django_assert_max_num_queries(20) as first:
        client.get(item.get_absolute_url())
    baseline = len(first.captured_queries)
    practice = content["practice"]
    funding_source_factory.create_batch(5, practice=practice)
    result_indicator_factory.create_batch(5, practice=practice)
    for _ in range(4):
        practice_factory(original=practice)
        story_factory(practice=practice, municipality=practice.municipality)
        photo_add(owner=practice, upload=ContentFile(png_bytes(4, 4), name="a.png"),
                  actor=editor)
    with django_assert_max_num_queries(baseline):
        assert client.get(item.get_absolute_url()).status_code == 200


def test_profile_more_link_filters_even_without_items_of_that_kind(client, practice_factory,
                                                                     story_factory, unit):
    practice_factory(title_ru="Чужая практика")
    story_factory(municipality=unit)
    html = client.get(f"/ru/practices/?municipality={unit.slug}").content.decode()
    assert "Чужая практика" not in html
    assert "Нет опубликованных практик, подходящих под эти фильтры." in html


def test_htmx_history_restore_gets_the_whole_page(client, practice):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get("/ru/practices/?theme=water", headers=headers)
    assert "<html" in response.content.decode()
    assert "HX-History-Restore-Request" in response["Vary"]


def test_rich_text_of_practices_stories_and_news_is_not_processed_by_htmx(
    client, practice_factory, story_factory, news_item_factory
):
    """User-authored HTML could carry hx-* attributes: its containers carry hx-disable."""
    from tests.helpers import htmx_disabled_around

    practice = practice_factory(problem_ru='<p>Засуха в селе <b hx-get="/x">летом</b></p>')
    story = story_factory(body_ru="<p>Рассказ о селе</p>")
    news = news_item_factory(body_ru="<p>Новость о селе</p>")
    pages = [(practice, "Засуха в селе"), (story, "Рассказ о селе"), (news, "Новость о селе")]
    for item, text in pages:
        with translation.override("ru"):
            html = client.get(item.get_absolute_url()).content.decode()
        assert htmx_disabled_around(html, text) == [True], item
