"""The law-making breadcrumb ends with the draft's title, never a revision's code ("1 r1")."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_draft_page_breadcrumb_names_the_draft(client, draft, lang):
    html = client.get(f"/{lang}/law-making/drafts/{draft.pk}/").content.decode()
    crumbs = re.search(r'<nav aria-label="[^"]*" class="breadcrumbs">(.*?)</nav>', html, re.S)
    items = re.findall(r"<li[^>]*>(.*?)</li>", crumbs.group(1), re.S)
    title = draft.title_ky if lang == "ky" else draft.title_ru
    assert len(items) == 3
    assert title in items[-1]
    assert 'aria-current="page"' in crumbs.group(1)
    assert f"{draft.pk} r1" not in crumbs.group(1)


def test_a_page_under_the_draft_links_back_to_it(client, draft, staff_of):
    client.force_login(staff_of(draft.municipality))
    html = client.get(f"/ky/law-making/drafts/{draft.pk}/edit/").content.decode()
    crumbs = re.search(r'class="breadcrumbs">(.*?)</nav>', html, re.S).group(1)
    assert f'href="/ky/law-making/drafts/{draft.pk}/"' in crumbs
    assert " r1" not in crumbs
