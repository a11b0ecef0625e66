"""The words under a comment: flagging it is a complaint ("Даттануу"), never a report ("Отчет")."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "word", "wrong"), [
    ("ky", "Даттануу", "Отчет"),
    ("ru", "Пожаловаться", "Отчёт"),
])
def test_the_flag_link_under_a_comment_is_a_complaint(
    client, citizen, event, comment_factory, user_factory, lang, word, wrong
):
    comment = comment_factory(event=event, author=user_factory(), text="Суу түтүгү биринчи")
    client.force_login(citizen)
    html = client.get(f"/{lang}{event.get_absolute_url()[3:]}").content.decode()
    link = f'<a href="/{lang}/events/comments/{comment.pk}/flag/">{word}</a>'
    assert link in html
    assert f">{wrong}<" not in html
