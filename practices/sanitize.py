"""Staff-written rich text, cleaned on the server to a small allow-list.

No scripts or styles, no event (on*) or htmx (hx-*) attributes, no classes or ids, and links
only to http/https addresses. Plain text (no tags at all) becomes paragraphs.
"""

import re

import nh3
from django.utils.html import escape
from django.utils.html import linebreaks

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https"}
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!]")
_STARTS_WITH_BLOCK = re.compile(r"^<(p|ul|ol|h3|h4|blockquote)[\s>]")
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}


def _only_web_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        lowered = value.strip().lower()
        if not (lowered.startswith("http://") or lowered.startswith("https://")):
            return None
    return value


def sanitize_html(text: str) -> str:
    """Cleaned HTML; text without any tag is escaped and split into paragraphs."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _LOOKS_LIKE_HTML.search(text):
        return linebreaks(escape(text))
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        attribute_filter=_only_web_links,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
    if cleaned and not _STARTS_WITH_BLOCK.match(cleaned):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned
