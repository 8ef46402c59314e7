"""Write RSS and Atom feeds for tests, including hostile ones (entity bomb, external entity)."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

Entry = tuple[str, str, str | None, str | None]  # (title as it appears in the XML, link, guid, date)


def rss(entries: Iterable[Entry], title: str = "Test News") -> bytes:
    """An RSS 2.0 feed; titles are inserted as given, so tests control their escaping."""
    items = []
    for entry_title, link, guid, date in entries:
        parts = [f"<title>{entry_title}</title>", f"<link>{escape(link)}</link>"]
        if guid:
            parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
        if date:
            parts.append(f"<pubDate>{date}</pubDate>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


def atom(entries: Iterable[Entry], title_type: str = "html") -> bytes:
    """An Atom feed whose entry titles have ``type=title_type``."""
    parts = []
    for entry_title, link, guid, date in entries:
        updated = f"<updated>{date}</updated>" if date else ""
        parts.append(
            f'<entry><title type="{title_type}">{entry_title}</title><link href="{escape(link)}"/>'
            f"<id>{escape(guid or link)}</id>{updated}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Test Atom</title><id>urn:test</id>" + "".join(parts) + "</feed>"
    ).encode("utf-8")


def entity_bomb() -> bytes:
    """The 'billion laughs' feed: ten levels of entities, each ten times the one below."""
    levels = ['<!ENTITY lol0 "lol">']
    levels += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(levels) + "]>"
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>&lol9;</title><link>https://news.example/a</link></item></channel></rss>"
    ).encode()


def external_entity(target: str = "file:///etc/passwd") -> bytes:
    """A feed whose title pulls in an external entity (a local file, or a URL)."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY ext SYSTEM "{target}">]>'
        '<rss version="2.0"><channel><title>x</title>'
        "<item><title>&ext;</title><link>https://news.example/a</link></item></channel></rss>"
    ).encode()
