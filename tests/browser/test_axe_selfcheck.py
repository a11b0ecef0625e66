"""The accessibility check itself can fail: axe-core, injected the way the page checks inject
it, reports a page with known faults. No database, no live server."""

import pytest

from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

FAULTY = """<!DOCTYPE html><html><head><title>x</title></head><body><main>
<h1>Faults</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><form>
<input type="text" name="q"><button></button></form></main></body></html>"""


def test_axe_reports_serious_and_critical_faults(chromium, axe_source):
    page = chromium.new_page()
    try:
        page.set_content(FAULTY)
        rules = {v["id"] for v in axe_violations(page, axe_source)}
    finally:
        page.close()
    assert {"image-alt", "button-name"} <= rules
