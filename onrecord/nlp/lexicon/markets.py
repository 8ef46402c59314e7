"""Market copy that reads like speech: "Spot gold XAU= added 0.3% to $2,031".

Wire market reports name instruments by ticker codes (Reuters Instrument Codes such as
"XAU=", "=USD", ".SPX", "GCv1") and move prices with verbs that are also reporting verbs
("added", "gained"). A ticker never speaks, and "added 0.3%" states a price move, not a
statement, so the attribution rules leave both out.
"""

from __future__ import annotations

import re
from typing import Final

# A ticker code as one word: a "=" inside or at either end ("XAU=", "=USD", "EUR=EBS", "JPY=D3"),
# a leading dot with capitals (".SPX", ".N225"), or capitals with a contract suffix ("GCv1", "LCOc1").
TICKER: Final = re.compile(
    r"^(?=.*[A-Z0-9])(?:[A-Z0-9]{0,8}=[A-Z0-9]{0,8}|\.[A-Z][A-Z0-9]{1,7}|[A-Z]{2,6}[cv]\d)$"
)

# Cue lemmas that are also price moves: "added 0.3%", "gained 4 cents".
PRICE_MOVE_LEMMAS: Final[frozenset[str]] = frozenset({"add", "gain"})

# What a price move's "content" opens with: a number, a percentage or an amount.
PRICE_MOVE_CONTENT: Final = re.compile(r"^(?:about |almost |nearly |some )?[$€£¥]?\d[\d.,]*\s?(?:%|percent\b|"
                                       r"per cent\b|cents?\b|points?\b|basis points\b|pence\b|bps\b|to\b)",
                                       re.IGNORECASE)
