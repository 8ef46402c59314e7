"""Page metadata trafilatura does not settle the way onrecord needs: the canonical URL.

Record ids derive from the canonical URL, so the same story fetched from a feed link
(``?utm_source=rss``) and from the site must get the same URL. ``<link rel="canonical">``
wins over ``og:url`` (which sites often fill with the tracking link), and tracking
parameters are removed from whichever URL is used.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html

from onrecord.ingest.credentials import strip_credentials as strip_credentials  # its old home

# Query parameters that identify a campaign or click, never the article.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid"}


def canonical_link(root: lxml_html.HtmlElement, base: str | None) -> str | None:
    """The page's ``<link rel="canonical">`` as an absolute http(s) URL, if it has one."""
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rels and href:
            absolute = urljoin(base, href) if base else href
            if urlsplit(absolute).scheme in {"http", "https"} and urlsplit(absolute).netloc:
                return absolute
    return None


def strip_tracking(url: str) -> str:
    """Remove campaign and click-tracking parameters (utm_*, fbclid, ...) from a URL."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_NAMES
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))
