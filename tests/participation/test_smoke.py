import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_pages_render(client, event, alternative_factory, comment_factory, lang):
    alternative_factory(event=event)
    comment_factory(event=event)
    for url in [
        f"/{lang}/participation/",
        f"/{lang}/events/",
        f"/{lang}/events/calendar/",
        f"/{lang}/events/{event.pk}/",
        f"/{lang}/participation/balance/",
        f"/{lang}/events/feed.ics",
        f"/{lang}/events/{event.pk}/event.ics",
        f"/{lang}/events/{event.pk}/balance.csv",
        f"/{lang}/participation/balance.csv",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
