"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live server, plus axe-core accessibility checks.

- One browser per test module, a fresh context (cookies, storage) per test.
- Every page is watched: a console error, an uncaught script error, a CSP violation or a
  failed request for our own static files fails the test.
- The tests skip, with the reason, only when /usr/bin/chromium is absent; CI installs it.
- axe-core comes from the npm registry (tests/browser/package.json, package-lock.json); the
  session runs `npm ci --prefix tests/browser` once if node_modules is missing.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 15_000
# Every browser test module: `pytestmark = BROWSER`. The live server needs a transactional
# database (flushed after each test); see _migration_data for the rows migrations create.
BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives Chromium through Playwright (skipped without /usr/bin/chromium)"
    )


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Put back the rows a data migration creates (balance groups and census shares), which
    a flush by an earlier transactional test removed. Cheaper than serialized_rollback, and
    right even on a reused database that a previous run left flushed."""
    if "browser" not in request.keywords or not request.node.get_closest_marker("django_db"):
        return
    from participation.defaults import load_defaults
    from participation.models import BalanceGroup
    from participation.models import ReferenceShare

    if not BalanceGroup.objects.exists():
        load_defaults(BalanceGroup, ReferenceShare)


@pytest.fixture(scope="module")
def chromium():
    """One Chromium per test module (a launch takes about a second).

    Playwright's sync API keeps an asyncio loop running in this thread while it is started,
    and Django refuses ORM calls from a thread with a running loop. The tests are plain
    synchronous code, so DJANGO_ALLOW_ASYNC_UNSAFE is set for exactly as long as Playwright
    runs, and both end with the module: later tests in the same worker see neither (a
    subprocess such as `manage.py check --deploy` must not inherit the variable).
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        manager.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageWatch:
    """What went wrong in the browser while a test ran."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.problems: list[str] = []

    def on_console(self, message):
        # The portal has no favicon yet; Chromium asks for /favicon.ico on every page.
        # test_frame.py::test_the_site_has_a_favicon keeps that visible (xfail, strict).
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")
        elif "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def on_page_error(self, error):
        self.problems.append(f"uncaught script error: {error}")

    def on_response(self, response):
        if response.url.startswith(f"{self.base_url}/static/") and response.status >= 400:
            self.problems.append(f"static file {response.url} answered {response.status}")

    def on_request_failed(self, request):
        failure = request.failure or ""
        # A download the test read from the page, or a navigation replaced by the next one.
        if "net::ERR_ABORTED" in failure:
            return
        self.problems.append(f"request failed: {request.url} ({failure})")


@pytest.fixture
def browser_context(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    watch = PageWatch(live_server.url)
    context.watch = watch

    def watch_page(page):
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_page_error)
        page.on("response", watch.on_response)
        page.on("requestfailed", watch.on_request_failed)

    context.on("page", watch_page)
    yield context
    context.close()
    if watch.problems:
        pytest.fail("The browser reported problems:\n  " + "\n  ".join(watch.problems))


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("axe-core is missing and npm is not installed: run npm ci in tests/browser")
        subprocess.run(
            [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
            check=True,
            timeout=300,
        )
    return AXE_JS.read_text(encoding="utf-8")


def login(page, user, password, lang="ky"):
    """Log in through the allauth form, as a person would."""
    page.goto(f"/{lang}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.locator("main").inner_text()
