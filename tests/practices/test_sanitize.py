"""Staff-written rich text keeps a small allow-list and nothing else."""

import pytest

from practices.sanitize import sanitize_html
from practices.services import item_save

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>hi</p><script>alert(1)</script>", "alert"),
        ('<p onclick="steal()">hi</p>', "onclick"),
        ('<p onmouseover="steal()">hi</p>', "steal"),
        ('<a href="/x" hx-get="/admin/" hx-trigger="load">x</a>', "hx-"),
        ('<div hx-post="/x" data-hx-post="/y">x</div>', "hx-post"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<a href="mailto:a@b.kg">x</a>', "mailto"),
        ('<a href="/relative/path">x</a>', "/relative"),
        ('<img src="x" onerror="alert(1)">', "img"),
        ("<iframe src='https://evil.example'></iframe>", "iframe"),
        ("<style>body{display:none}</style><p>x</p>", "display"),
        ('<p style="position:fixed">x</p>', "style"),
        ('<p class="x" id="y">x</p>', "class"),
        ("<svg><script>alert(1)</script></svg>", "svg"),
        ("<!-- hidden --><p>x</p>", "hidden"),
        ('<form action="https://evil.example"><input name="p"></form>', "form"),
    ],
)
def test_dangerous_markup_is_removed(dirty, forbidden):
    assert forbidden.lower() not in sanitize_html(dirty).lower()


def test_the_allow_list_is_kept():
    html = (
        "<h3>Title</h3><p><strong>b</strong> <em>i</em></p><ul><li>one</li></ul>"
        '<ol><li>two</li></ol><blockquote>q</blockquote><a href="https://gov.kg/x">link</a>'
    )
    clean = sanitize_html(html)
    for kept in ("<h3>", "<strong>", "<em>", "<ul>", "<ol>", "<blockquote>",
                 'href="https://gov.kg/x"'):
        assert kept in clean
    assert 'rel="noopener noreferrer nofollow"' in clean


def test_plain_text_becomes_escaped_paragraphs():
    assert sanitize_html("first\n\nsecond & <3") == (
        "<p>first</p>\n\n<p>second &amp; &lt;3</p>"
    )
    assert sanitize_html("   ") == ""


def test_the_service_stores_sanitised_text_in_both_languages(practice_factory, editor):
    practice = practice_factory.build(
        municipality=practice_factory().municipality,
        problem_ky='<p onclick="x()">көйгөй</p><script>alert(1)</script>',
        problem_ru='<a href="javascript:alert(1)" hx-get="/x">проблема</a>',
        status="draft",
        published_at=None,
    )
    item_save(item=practice, actor=editor)
    practice.refresh_from_db()
    assert practice.problem_ky == "<p>көйгөй</p>"
    assert "javascript" not in practice.problem_ru
    assert "hx-get" not in practice.problem_ru
    assert "проблема" in practice.problem_ru


def test_rich_text_is_cleaned_again_when_rendered(client, practice_factory):
    """Text that reached the database another way (admin, SQL) is still rendered clean."""
    practice = practice_factory(solution_ru='<p>ok</p><script>alert("x")</script>')
    html = client.get(f"/ru/practices/{practice.pk}/").content.decode()
    assert "<p>ok</p>" in html
    assert 'alert("x")' not in html
