"""A crawl of the demo's Kyrgyz pages: no English sentence, no "(Русский)" beside a unit's name.

The demo is seeded once for the module inside a transaction that is rolled back at the end, so
the other tests of the worker still find an empty database. Links under /ky/ are followed
breadth-first, a few pages per kind of page (every unit page looks alike), as an anonymous
visitor and as a signed-in resident, print versions included.
"""

import html
import re
from collections import Counter
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl
from urllib.parse import urljoin
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test import override_settings
from django.utils import translation

# The module's fixture needs the test database set up (pytest-django sets it up for the
# databases its collected tests ask for).
pytestmark = pytest.mark.django_db

PAGES_ANONYMOUS = 260
PAGES_SIGNED_IN = 40
PER_KIND = 3  # pages of one kind (same address shape and query keys)

# Not pages, or not for a crawler: files, feeds, exports, forms that change things.
SKIP = re.compile(
    r"/(admin|static|media)/|/accounts/logout|\.(csv|json|ics|xlsx|pdf|png|jpe?g|webp|svg)$|"
    r"/(download|file|charter|evidence|template|feed|calendar\.ics|unsubscribe)/?"
)

# Names of formats and products that Kyrgyz text writes in Latin letters; they never count
# as words of an English sentence.
ALLOWED_WORDS = {
    "PDF", "CSV", "JSON", "XLSX", "XLS", "DOCX", "ODT", "ODS", "PNG", "JPEG", "WebP", "HTML",
    "UTF-8", "Word", "Excel", "OpenDocument", "iCalendar", "QR", "A4", "SOATE", "http", "https",
}
# Three or more Latin-letter words in a row (punctuation between them allowed) is a sentence.
LATIN_RUN = re.compile(  # an identifier with "_" (a field name, a code) counts as one word
    r"[A-Za-z][\w'’.-]*(?:[\s,;:()/«»\"“”]+[A-Za-z][\w'’.-]*){2,}", re.ASCII
)
ADDRESS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|\b[\w-]+(\.[\w-]+)*\.(kg|ru|com|org|net|info)\b"
    r"|\?[\w=&%.-]+"
)
FALLBACK = re.compile(r'<span lang="ru">(.*?)</span> <small class="fallback"[^>]*>\(Русский\)')


class _Page(HTMLParser):
    """Visible text (and the attributes people read), skipping code and scripts; links."""

    SKIP_TAGS = {"script", "style", "code", "kbd", "samp"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP_TAGS:
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "alt", "placeholder", "aria-label"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)


def english_sentences(text: str) -> list[str]:
    text = ADDRESS.sub(" ", " ".join(text.split()))
    words = re.split(r"(\s+)", text)
    text = "".join(" " if w.strip(",.;:()") in ALLOWED_WORDS else w for w in words)
    return [m.group(0) for m in LATIN_RUN.finditer(text)]


def _kind(path: str, query: str, unit_slugs: set[str]) -> tuple:
    segments = tuple(
        "*" if (any(c.isdigit() for c in s) or s in unit_slugs) else s
        for s in path.strip("/").split("/")
    )
    return segments, tuple(sorted(k for k, _ in parse_qsl(query)))


def crawl(client, starts: list[str], limit: int, unit_slugs: set[str]) -> dict[str, tuple]:
    """{url: (html, visible texts)} for at most `limit` pages reached from `starts`."""
    pages: dict[str, tuple] = {}
    queue = deque(starts)
    queued = set(starts)
    kinds: Counter = Counter()
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        parser = _Page()
        parser.feed(body)
        pages[url] = (body, parser.texts)
        for href in parser.links:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/ky/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in queued or SKIP.search(parts.path):
                continue
            kind = _kind(parts.path, parts.query, unit_slugs)
            if kinds[kind] >= PER_KIND:
                continue
            kinds[kind] += 1
            queued.add(target)
            queue.append(target)
    return pages


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """{"anonymous": {url: (html, texts)}, "signed_in": {…}, "unit_names", "unit_notes"}."""
    from municipalities.models import Municipality
    from portal.models import User

    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        transaction.atomic(),  # rolled back: the worker's other tests find an empty database
    ):
        with override_settings(DEBUG=True):  # seed_demo refuses to run without it
            call_command("seed_demo", stdout=None)
        units = list(
            Municipality.objects.values_list(
                "slug", "name_ru", "population_source", "reference_note"
            )
        )
        slugs = {slug for slug, *_ in units}
        client = Client()
        anonymous = crawl(client, ["/ky/"], PAGES_ANONYMOUS, slugs)
        client.force_login(User.objects.get(email="citizen@demo.kg"))
        signed_in = crawl(
            client, ["/ky/profile/", "/ky/events/"], PAGES_SIGNED_IN, slugs
        )
        transaction.set_rollback(True)
    translation.activate("ky")
    return {
        "anonymous": anonymous,
        "signed_in": signed_in,
        "unit_names": {name for _s, name, *_ in units if name},
        "unit_notes": {note for *_x, source, note in units for note in (source, note) if note},
    }


def _problems(demo_pages, pending: bool) -> list[str]:
    """English sentences: pending=True those inside a unit's reference notes (names helper's
    work, issue 13 point 1), pending=False every other one."""
    notes = demo_pages["unit_notes"]
    found = []
    for who in ("anonymous", "signed_in"):
        for url, (_body, texts) in demo_pages[who].items():
            for text in texts:
                for sentence in english_sentences(text):
                    in_note = any(sentence in note for note in notes)
                    if in_note == pending:
                        found.append(f"{url}: {sentence}")
    return sorted(set(found))


def test_the_crawl_reaches_every_section_and_print_versions(demo_pages):
    urls = set(demo_pages["anonymous"])
    assert len(urls) >= 200
    for prefix in ("/ky/municipalities/", "/ky/events/", "/ky/budgets/", "/ky/monitoring/",
                   "/ky/practices/", "/ky/information/", "/ky/law-making/"):
        assert any(u.startswith(prefix) for u in urls), prefix
    assert sum("print=1" in u for u in urls) >= 20
    assert len(demo_pages["signed_in"]) >= 30


def test_no_english_sentence_on_kyrgyz_pages(demo_pages):
    problems = _problems(demo_pages, pending=False)
    assert not problems, "\n".join(problems[:40])


def test_no_russian_fallback_on_kyrgyz_pages_except_unit_names(demo_pages):
    """Content shown in Russian on a Kyrgyz page ("(Русский)"): every text but unit names."""
    names = demo_pages["unit_names"]
    found = []
    for who in ("anonymous", "signed_in"):
        for url, (body, _texts) in demo_pages[who].items():
            for text in FALLBACK.findall(body):
                if html.unescape(text) not in names:
                    found.append(f"{url}: {html.unescape(text)}")
    assert not found, "\n".join(sorted(set(found))[:40])


@pytest.mark.xfail(strict=False, reason="pending: Kyrgyz unit names (issue 13 point 1, names)")
def test_no_russian_fallback_beside_a_unit_name(demo_pages):
    found = sorted({
        f"{url}: {html.unescape(text)}"
        for who in ("anonymous", "signed_in")
        for url, (body, _texts) in demo_pages[who].items()
        for text in FALLBACK.findall(body)
    })
    assert not found, f"{len(found)} found, e.g.\n" + "\n".join(found[:20])


@pytest.mark.xfail(strict=False, reason="pending: unit source notes in ky/ru (issue 13 point 1)")
def test_no_english_in_unit_reference_notes(demo_pages):
    problems = _problems(demo_pages, pending=True)
    assert not problems, "\n".join(problems[:40])


def test_flag_link_under_a_comment_says_complaint_not_report(demo_pages):
    pages = [body for url, (body, _texts) in demo_pages["signed_in"].items()
             if url.startswith("/ky/events/") and "/flag/" in body]
    assert pages, "a signed-in resident sees the flag link under others' comments"
    for body in pages:
        assert re.search(r'/flag/">Даттануу</a>', body)
        assert ">Отчет<" not in body


@pytest.mark.parametrize(("text", "found"), [
    ("Estimate from the 2022 census", ["Estimate from the"]),
    ("PDF, DOCX же ODT документи", []),
    ("JSON: fields, count жана units", []),
    ("tepke.demo.kg же info@tepke.kg", []),
    ("Open data (CSV)", []),
    ("Read more and take part", ["Read more and take part"]),
    ("https://example.kg/a/b c", []),
])
def test_what_counts_as_an_english_sentence(text, found):
    assert english_sentences(text) == found
