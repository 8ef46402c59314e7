"""Proper-name vocabulary: gendered first names, well-known office holders, US states."""

from __future__ import annotations

from typing import Final


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())

# Common first names with a clear gender, for pronoun agreement before any pronoun is seen.
FEMALE_NAMES: Final[frozenset[str]] = _words(
    "hillary mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa "
    "betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa "
    "deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda "
    "pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth "
    "maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn "
    "judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara "
    "janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly "
    "danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla "
    "nikki kellyanne huma donna ivanka melania chelsea elizabeth nancy michele carly sarah "
    "loretta condoleezza madeleine dianne kirsten tammy debbie claire kamala jill ivana katrina "
    "marta ewa anna mette helen liina piret ana sofia elena irina olga ingrid astrid fatima "
    "aisha amina priya wanjiru grace nadia leila yasmin ines lucia camila valentina sienna "
    "monica kristen hope omarosa stephanie angela theresa jacinda ursula christine"
)
MALE_NAMES: Final[frozenset[str]] = _words(
    "donald james john robert michael william david richard joseph thomas charles christopher "
    "daniel matthew anthony mark paul steven andrew kenneth joshua kevin brian george timothy "
    "ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin "
    "scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry "
    "tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold "
    "keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan "
    "joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene "
    "vincent russell elijah louis bobby philip johnny barack bernie ted marco jeb chris mike "
    "tim newt rudy reince corey paul mitch harry bill hillary rand lindsey rick ben jim tom "
    "bob dick steve ron marco vladimir xi recep benjamin bashar kim jeremy boris emmanuel "
    "angus lars anders grant tomasz piotr adam rein mark liam oliver lucas hugo felix jan "
    "pedro carlos luis miguel ahmed mohammed muhammad ali omar hassan ibrahim yusuf ivan "
    "sergei dmitry andrei viktor igor chuck newt herman kellyanne"
) - {"hillary", "kellyanne"}

# Well-known office holders of the US coverage PolNeAR samples (R8: "Clinton is a politician
# throughout 2016 coverage"); only consulted when the article itself gives no title.
KNOWN_POLITICIANS: Final[frozenset[str]] = frozenset({
    "trump", "clinton", "obama", "sanders", "cruz", "rubio", "kasich", "pence", "kaine", "ryan",
    "mcconnell", "biden", "carson", "christie", "fiorina", "bush", "romney", "mccain", "pelosi",
    "reid", "schumer", "warren", "graham", "paul", "huckabee", "santorum", "walker", "perry",
    "jindal", "o'malley", "webb", "chafee", "gingrich", "giuliani", "priebus", "wasserman",
    "brazile", "stein", "johnson", "weld", "rendell", "ayotte", "portman", "toomey", "jeb",
    "putin", "merkel", "macron", "netanyahu", "erdogan", "modi", "trudeau", "abe", "duterte",
    "maduro", "rouhani", "zelensky", "zelenskyy", "orban", "sunak", "starmer", "scholz", "meloni",
    "lula", "bolsonaro", "milei", "ramaphosa", "kenyatta", "ruto", "harris", "desantis", "haley",
    "newsom", "cuomo", "de blasio", "blasio", "boehner", "corker",
} | {"o’malley"})  # tokens keep the article's apostrophe

# US states: their attorneys general and secretaries of state are elected (R8).
US_STATES: Final[frozenset[str]] = _words(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii "
    "idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan "
    "minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania "
    "tennessee texas utah vermont virginia wisconsin wyoming"
) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
     "rhode island", "south carolina", "south dakota", "west virginia", "washington state"}

# Lower-case parts of a name ("Charles de Gaulle", "Osama bin Laden", "AT&T"), and the
# punctuation inside one.
NAME_PARTICLES: Final[frozenset[str]] = frozenset({
    "de", "la", "le", "van", "von", "der", "den", "da", "di", "du", "del", "della", "bin", "al", "of", "and",
    "&", ".", "-", "'", "’", "for",
})
# Small words left out of an organisation's acronym ("Federal Bureau of Investigation" -> FBI).
ACRONYM_SKIPPED_WORDS: Final[tuple[str, ...]] = ("of", "the", "and", "for", "&")
