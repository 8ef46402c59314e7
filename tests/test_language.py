"""Offline language identification and the English-only check."""

from __future__ import annotations

import pytest

from onrecord.errors import NotEnglish
from onrecord.extract.language import check_english, detect_language, dominant_script

ENGLISH = (
    "Talks on expanding the north quay stalled on Thursday after the transport and finance "
    "ministries blamed each other for a funding gap, according to two officials briefed on the "
    "negotiations. The finance ministry declined to comment, and the harbour authority did not "
    "immediately respond to a request for comment."
)
SAMPLES = {
    "es": "El ministro de Transporte dijo el jueves que las obras del puerto se retrasarán por lo menos "
    "un año, según dos funcionarios que participaron en las negociaciones. La oposición ha pedido una "
    "investigación parlamentaria sobre la promesa de financiación y presentará una moción la próxima semana.",
    "fr": "Le ministre des Transports a déclaré jeudi que les travaux du port seraient retardés d'au moins "
    "un an, selon deux responsables qui ont participé aux négociations. L'opposition a demandé une enquête "
    "parlementaire sur la promesse de financement et compte déposer une motion la semaine prochaine.",
    "de": "Der Verkehrsminister sagte am Donnerstag, dass die Arbeiten am Hafen sich um mindestens ein Jahr "
    "verzögern würden, wie zwei an den Verhandlungen beteiligte Beamte berichteten. Die Opposition hat eine "
    "Untersuchung des Parlaments gefordert und will in der nächsten Woche einen Antrag stellen.",
    "it": "Il ministro dei Trasporti ha detto giovedì che i lavori del porto saranno rinviati di almeno un "
    "anno, secondo due funzionari che hanno partecipato alle trattative. L'opposizione ha chiesto "
    "un'inchiesta parlamentare sulla promessa di finanziamento e presenterà una mozione la settimana "
    "prossima.",
    "pt": "O ministro dos Transportes disse na quinta-feira que as obras do porto vão atrasar pelo menos um "
    "ano, segundo dois funcionários que participaram nas negociações. A oposição pediu um inquérito "
    "parlamentar sobre a promessa de financiamento e vai apresentar uma moção na próxima semana.",
    "nl": "De minister van Verkeer zei donderdag dat de werkzaamheden in de haven minstens een jaar "
    "vertraging oplopen, volgens twee ambtenaren die bij de onderhandelingen betrokken waren. De oppositie "
    "heeft om een parlementair onderzoek gevraagd en wil volgende week een motie indienen.",
}


def test_english_is_detected_confidently() -> None:
    code, confidence = detect_language(ENGLISH)
    assert code == "en" and confidence > 0.5


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_other_languages_are_detected(code: str) -> None:
    assert detect_language(SAMPLES[code])[0] == code


def test_spanish_article_is_refused_with_advice() -> None:
    with pytest.raises(NotEnglish) as info:
        check_english(SAMPLES["es"], "x.txt")
    assert str(info.value) == (
        "'x.txt' looks like Spanish (es); onrecord analyses English only. "
        "Pass --no-language-check to analyse anyway."
    )


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_covered_language_is_refused(code: str) -> None:
    with pytest.raises(NotEnglish, match=f"\\({code}\\)"):
        check_english(SAMPLES[code], "a.txt")


def test_english_passes() -> None:
    check_english(ENGLISH, "a.txt")


def test_english_quoting_spanish_passes() -> None:
    text = ENGLISH + ' "El puerto no está listo," the mayor told reporters in Spanish. ' + ENGLISH
    check_english(text, "a.txt")


@pytest.mark.parametrize("text", ["", "Hola, ¿qué tal?", "El presidente dijo que no.", "12 34 56"])
def test_short_texts_pass(text: str) -> None:
    check_english(text, "a.txt")


def test_headline_list_without_function_words_passes() -> None:
    check_english(" ".join(["Budget Vote Looms", "Harbour Funding Row", "Ferry Fares Rise"] * 10), "a.txt")


def test_non_latin_script_is_refused() -> None:
    text = "Министр транспорта заявил в четверг, что работы в порту задержатся как минимум на год. " * 2
    assert dominant_script(text)[0] == "Cyrillic"
    assert detect_language(text)[0] == "und"
    with pytest.raises(NotEnglish, match="'ru.txt' is mostly written in Cyrillic script"):
        check_english(text, "ru.txt")


def test_stdin_is_named() -> None:
    with pytest.raises(NotEnglish, match="^standard input looks like Spanish"):
        check_english(SAMPLES["es"], "-")


def test_long_texts_are_sampled() -> None:
    check_english(ENGLISH * 2000, "long.txt")  # only the first 50,000 characters are read
