"""The "your text was hidden" e-mail links to the text under SITE_URL (portal/urls_abs.py)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from portal.moderation import services

pytestmark = pytest.mark.django_db


def test_the_hidden_notice_links_under_site_url(make_text, author, moderator, settings):
    from portal.moderation.tasks import hidden_notice_task

    settings.SITE_URL = "https://portal.example.kg"
    text = make_text("questions.question", author)
    services.item_hide(actor=moderator, obj=text, reason="Спам")
    mail.outbox.clear()
    content_type = ContentType.objects.get_for_model(text)
    assert hidden_notice_task(content_type_id=content_type.pk, object_id=text.pk) is True
    [message] = mail.outbox
    assert "https://portal.example.kg/" in message.body
    assert "127.0.0.1" not in message.body
