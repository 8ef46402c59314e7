"""Errors onrecord raises. Every message says what failed, on which input, and what to do.

    OnrecordError
     ├── ConfigError            bad setting or option value
     ├── IngestError            could not read an input
     │    ├── FetchError        URL unreachable, refused (private address), too large, bad status
     │    ├── UnsupportedInput  binary file, undecodable bytes, unknown format
     │    ├── InputTooLarge     above the configured size cap
     │    ├── InvalidUrl        a URL list line that is not an http(s) URL
     │    ├── DamagedArchive    damaged_archive: a stretch of a WARC file cannot be read
     │    │    └── TruncatedRecord  truncated_record: the file ends inside a record
     │    ├── FeedError         not RSS/Atom, or XML that is unsafe to parse (UnsafeXml)
     │    └── SkippedInput      read fine, but not an article; counted, not an error:
     │         ├── NotHtml            not_html: an image, a PDF, a CSS file
     │         ├── HttpStatus         http_status: an archived 404, a redirect, a 500
     │         ├── CrawlerTruncated   crawler_truncated: the crawler kept only part of the page
     │         ├── RobotsDisallowed   robots_disallowed: the site's robots.txt says no
     │         ├── DuplicateEntry     duplicate_entry: a feed entry already read
     │         ├── NotRegularFile     not_regular_file: a device, FIFO or socket named like a file
     │         └── LinkOutside        link_outside_folder: a symlink in a folder to a file outside it
     ├── ExtractError           could not turn an input into article text
     │    ├── NoArticleText     empty input, or a page with no article in it
     │    ├── NotEnglish        the text is in a language the model does not cover
     │    └── ParseResourceLimit  the HTML parser gave up part-way (too deep or too large)
     └── ModelNotInstalled      the spaCy model or onrecord's attribution model is missing

The CLI turns these into a message and exit code 1 in one place (``onrecord.cli``);
batch runs turn them into a failed item and carry on.
"""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class of every error onrecord raises on purpose."""

    code = "error"


class ConfigError(OnrecordError):
    code = "config"


class IngestError(OnrecordError):
    code = "ingest"


class FetchError(IngestError):
    code = "fetch"
    status: int | None = None  # the HTTP status when the server answered with a non-2xx one


class UnsupportedInput(IngestError):
    code = "unsupported_input"


class InputTooLarge(IngestError):
    code = "too_large"


class InvalidUrl(IngestError):
    code = "invalid_url"


class DamagedArchive(IngestError):
    """Part of an archive could not be read: a record cut short, or a corrupt stretch."""

    code = "damaged_archive"


class TruncatedRecord(DamagedArchive):
    code = "truncated_record"


class FeedError(IngestError):
    code = "bad_feed"


class UnsafeXml(FeedError):
    """XML with a DTD or entity declarations: refused unparsed (entity bombs, external entities)."""

    code = "unsafe_xml"


class SkippedInput(IngestError):
    """A record that was read but is not an article; batch runs count it as skipped, not failed."""

    code = "skipped"


class NotHtml(SkippedInput):
    code = "not_html"


class HttpStatus(SkippedInput):
    code = "http_status"


class CrawlerTruncated(SkippedInput):
    """A WARC record the crawler itself cut short (WARC-Truncated): half a page, not an article."""

    code = "crawler_truncated"


class RobotsDisallowed(SkippedInput):
    code = "robots_disallowed"


class DuplicateEntry(SkippedInput):
    code = "duplicate_entry"


class NotRegularFile(SkippedInput):
    """A device, FIFO or socket: reading one could block forever or never end (/dev/zero)."""

    code = "not_regular_file"


class LinkOutside(SkippedInput):
    """A symlink in an ingest folder to a file outside it (``x.txt`` -> ``/etc/passwd``)."""

    code = "link_outside_folder"


class ExtractError(OnrecordError):
    code = "extract"


class NoArticleText(ExtractError):
    code = "no_article_text"


class NotEnglish(ExtractError):
    code = "not_english"


class ParseResourceLimit(ExtractError):
    """libxml2 stopped part-way through a page (nesting or size limit); never keep half an article."""

    code = "parse_resource_limit"


class ModelNotInstalled(OnrecordError):
    code = "model_not_installed"
