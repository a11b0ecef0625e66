from django.utils.translation import gettext_lazy as _

from portal.search import Searchable
from portal.search import register

from .models import Document
from .models import NewsItem
from .models import Practice
from .models import Story


def _published_on(item):
    return item.published_at.date() if item.published_at else None


def _is_published(item) -> bool:
    return item.is_published


register(
    Searchable(
        kind="practice",
        label=_("Best practices"),
        model=Practice,
        title="title",
        texts=("summary", "problem", "solution", "steps", "results"),
        is_public=_is_published,
        date=_published_on,
    )
)
register(
    Searchable(
        kind="story",
        label=_("Success stories"),
        model=Story,
        title="title",
        texts=("lead", "body"),
        is_public=_is_published,
        date=_published_on,
    )
)
register(
    Searchable(
        kind="news",
        label=_("News"),
        model=NewsItem,
        title="title",
        texts=("summary", "body"),
        is_public=_is_published,
        date=_published_on,
    )
)
register(
    Searchable(
        kind="document",
        label=_("Documents"),
        model=Document,
        title="title",
        texts=("number", "issuer", "description"),
        is_public=_is_published,
        date=lambda doc: doc.adopted_on,
    )
)
