"""Extract: RawDocument → Article (article text plus title, byline, date, outlet, canonical URL).

"Extract" means HTML to text only; plain text passes through unchanged.
"""

from onrecord.extract.article import Article
from onrecord.extract.language import check_english, detect_language
from onrecord.extract.text import extract_article

__all__ = ["Article", "check_english", "detect_language", "extract_article"]
