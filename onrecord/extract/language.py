"""Offline language identification, just good enough to refuse clearly non-English texts.

onrecord's model and cue lists cover English only; a Spanish article would come out with
no findings, which looks like a clean article rather than an unsupported one. So the check
only needs to be sure when a text is clearly in another language: it counts each language's
commonest function words (a stopword ratio), with no model and no download. Short texts
always pass, since a few words cannot be told apart reliably.
"""

from __future__ import annotations

import re
import unicodedata

from onrecord.errors import NotEnglish
from onrecord.ingest.document import display_name

# About fifty of the commonest function words per language, chosen to be frequent in news.
_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in a is that for it was on with he as by at from his have be are has "
        "but not they this had were which or an said been their who will would its there we after "
        "she about also than more when could into what over",
        "es": "el la de que y en los las del se por un una con para es su al lo como más pero sus le "
        "ya o fue ha este esta sobre entre también cuando muy sin dijo según hasta desde porque ese "
        "había han son está donde todo dos años",
        "fr": "le la les de des et un une du est que qui dans en pour pas sur au aux par avec plus ce "
        "cette il elle ils sont ont été mais ou se son sa ses nous vous leur être comme après selon "
        "aussi lors tout fait deux",
        "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch "
        "es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen "
        "so zum war haben nur oder aber vor zur",
        "it": "il di che e la un una per non con del della dei delle le gli si da in al alla sono è "
        "ha anche come più ma nel nella questo questa essere stato dopo tra fra perché hanno lo ai "
        "degli ancora molto secondo suo sua loro",
        "pt": "o a os as de do da dos das e em no na nos nas um uma que para com não por mais se é ao "
        "foi pelo pela como mas seu sua também já ou ser são está entre depois sobre quando muito "
        "disse segundo ainda isso ele ela",
        "nl": "de het een en van in is op dat te zijn voor met die niet aan er om ook als bij door "
        "maar naar uit dan wordt heeft nog werd worden over ze hij zij wel tot kan deze zou meer "
        "geen al hebben was jaar na haar onder toen",
    }.items()
}

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ABOVE_LATIN = re.compile("[\u0250-\U0010ffff]")  # past Latin Extended-B: curly quotes, dashes, other scripts
_SAMPLE_CHARS = 50_000  # enough for a stable ratio; keeps the check fast on long inputs
MIN_WORDS = 20  # below this a text is too short to judge and always passes
_MIN_LETTERS = 50
_MIN_RATIO = 0.12  # running prose in any covered language is at least this share function words


def detect_language(text: str) -> tuple[str, float]:
    """Guess the language of ``text``: an ISO 639-1 code (or 'und') and a confidence in [0, 1].

    The confidence is the lead of the best language's stopword ratio over the runner-up,
    relative to the best, scaled down for texts under 50 words; 'und' (undetermined) comes
    with the share of letters in a non-Latin script when that script dominates.
    """
    sample = text[:_SAMPLE_CHARS]
    script, share = dominant_script(sample)
    if script is not None:
        return "und", share
    return _detect_words(_words(sample))


def _words(sample: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(sample)]


def _detect_words(words: list[str]) -> tuple[str, float]:
    if not words:
        return "und", 0.0
    ratios = sorted(((_stopword_ratio(words, code), code) for code in _STOPWORDS), reverse=True)
    (best_ratio, best), (second_ratio, _) = ratios[0], ratios[1]
    if best_ratio < _MIN_RATIO:
        return "und", 0.0
    margin = (best_ratio - second_ratio) / best_ratio
    return best, round(margin * min(1.0, len(words) / 50), 3)


def _stopword_ratio(words: list[str], code: str) -> float:
    stops = _STOPWORDS[code]
    return sum(w in stops for w in words) / len(words) if words else 0.0


def dominant_script(text: str) -> tuple[str | None, float]:
    """The non-Latin script most letters are written in ('Cyrillic'), and its share of letters.

    Returns (None, share of Latin letters) when Latin dominates or there are too few letters.
    """
    if not any(char.isalpha() for char in _ABOVE_LATIN.findall(text)):
        return None, 1.0  # every letter is Latin (the usual case: quote marks and dashes aside)
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        # Fast path: everything below U+0250 that is a letter is Latin (Basic to Extended-B).
        script = "LATIN" if char < "\u0250" else unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
        counts[script] = counts.get(script, 0) + 1
    if letters < _MIN_LETTERS:
        return None, 1.0
    script, count = max(counts.items(), key=lambda item: item[1])
    if script == "LATIN" or count / letters < 0.5:
        return None, counts.get("LATIN", 0) / letters
    label = {"CJK": "Chinese/Japanese (Han)"}.get(script, script.title())
    return label, round(count / letters, 3)


def check_english(text: str, origin: str) -> None:
    """Refuse a text that is clearly not English; short or mixed texts pass.

    Raises:
        NotEnglish: naming the language found and how to analyse anyway.
    """
    name = display_name(origin)
    advice = "onrecord analyses English only. Pass --no-language-check to analyse anyway."
    sample = text[:_SAMPLE_CHARS]
    script, share = dominant_script(sample)
    if script is not None:
        raise NotEnglish(f"{name} is mostly written in {script} script ({share:.0%} of letters); {advice}")
    words = _words(sample)
    if len(words) < MIN_WORDS:
        return
    code, confidence = _detect_words(words)
    if code in {"en", "und"} or confidence < 0.3:
        return
    # Clearly another language: English function words are rare next to that language's.
    if _stopword_ratio(words, "en") < _stopword_ratio(words, code) / 2:
        raise NotEnglish(f"{name} looks like {LANGUAGE_NAMES[code]} ({code}); {advice}")
