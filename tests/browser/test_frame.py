"""The frame in a real browser: CSS and htmx load under the strict CSP, in both languages."""


from tests.browser.conftest import BROWSER

pytestmark = BROWSER


def test_css_and_htmx_load_without_console_errors(page):
    for lang in ("ky", "ru"):  # one test: each browser test pays for a database flush
        check_frame(page, lang)


def check_frame(page, lang):
    response = page.goto(f"/{lang}/")
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    assert page.locator("html").get_attribute("lang") == lang
    # portal.css is applied: its rules are readable and change the default look.
    sheets = page.evaluate(
        "() => [...document.styleSheets].map(s => [s.href, s.cssRules.length])"
    )
    assert any(href and href.endswith("/static/css/portal.css") and n > 10 for href, n in sheets)
    font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "Times New Roman" not in font
    # htmx is loaded (served by us, with the nonce) and set up from the meta tag.
    assert page.evaluate("() => typeof window.htmx") == "object"
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False
    # No inline style was injected (htmx's indicator style would break the CSP).
    assert page.locator("head style").count() == 0


def test_the_site_has_a_favicon(page):
    page.goto("/ky/")
    icon = page.locator("link[rel~=icon]")
    href = icon.first.get_attribute("href") if icon.count() else "/favicon.ico"
    assert page.request.get(href).status == 200
