"""A crawl of the demo's Kyrgyz pages: no English sentence, no "(Русский)" beside a unit's name.

Links under /ky/ are followed breadth-first, a few pages per kind of page (every unit page
looks alike), as an anonymous visitor and as a signed-in resident, print versions included.
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
from django.test import Client
from django.test import override_settings
from django.utils import translation

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


def crawl_demo(tmp_path) -> dict:
    """Seed the demo, crawl it, roll everything back: {"anonymous": {url: (html, texts)},
    "signed_in": {…}, "unit_names": {…}, "unit_notes": {…}}."""
    from municipalities.models import Municipality
    from portal.models import User

    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):  # the test's rollback undoes it
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
        signed_in = crawl(client, ["/ky/profile/", "/ky/events/"], PAGES_SIGNED_IN, slugs)
    translation.activate("ky")
    return {
        "anonymous": anonymous,
        "signed_in": signed_in,
        "unit_names": {name for _s, name, *_ in units if name},
        "unit_notes": {note for *_x, source, note in units for note in (source, note) if note},
    }


def _pages(demo):
    for who in ("anonymous", "signed_in"):
        yield from demo[who].items()


def english_problems(demo) -> tuple[list[str], list[str]]:
    """English sentences on the pages: (ours, those inside a unit's reference notes)."""
    ours, notes = set(), set()
    for url, (_body, texts) in _pages(demo):
        for text in texts:
            for sentence in english_sentences(text):
                in_note = any(sentence in note for note in demo["unit_notes"])
                (notes if in_note else ours).add(f"{url}: {sentence}")
    return sorted(ours), sorted(notes)


def fallback_problems(demo) -> tuple[list[str], list[str]]:
    """Russian text marked "(Русский)" on Kyrgyz pages: (other content, unit names)."""
    ours, names = set(), set()
    for url, (body, _texts) in _pages(demo):
        for text in FALLBACK.findall(body):
            text = html.unescape(text)
            (names if text in demo["unit_names"] else ours).add(f"{url}: {text}")
    return sorted(ours), sorted(names)


def test_the_demos_kyrgyz_pages_speak_kyrgyz(tmp_path):
    """One test (the seed and the crawl are the cost), every finding listed at once."""
    demo = crawl_demo(tmp_path)
    urls = set(demo["anonymous"])
    failures = []

    # the crawl reaches every section, print versions and pages of a signed-in resident
    if len(urls) < 200 or len(demo["signed_in"]) < 30:
        failures.append(f"crawled only {len(urls)} + {len(demo['signed_in'])} pages")
    for prefix in ("/ky/municipalities/", "/ky/events/", "/ky/budgets/", "/ky/monitoring/",
                   "/ky/practices/", "/ky/information/", "/ky/law-making/"):
        if not any(u.startswith(prefix) for u in urls):
            failures.append(f"no page under {prefix}")
    if sum("print=1" in u for u in urls) < 20:
        failures.append("too few print versions")

    english, in_notes = english_problems(demo)
    other_fallbacks, unit_fallbacks = fallback_problems(demo)
    failures += [f"English: {p}" for p in english]
    failures += [f"(Русский): {p}" for p in other_fallbacks]
    failures += [f"English in a unit's notes: {p}" for p in in_notes]
    failures += [f"(Русский) beside a unit's name: {p}" for p in unit_fallbacks]

    # the flag link under a comment is a complaint ("Даттануу"), not a report ("Отчет")
    flag_pages = [body for url, (body, _t) in demo["signed_in"].items()
                  if url.startswith("/ky/events/") and "/flag/" in body]
    if not flag_pages:
        failures.append("a signed-in resident sees no flag link under others' comments")
    for body in flag_pages:
        if not re.search(r'/flag/">Даттануу</a>', body) or ">Отчет<" in body:
            failures.append("the flag link does not say Даттануу")
            break

    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:60])


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
