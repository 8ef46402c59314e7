"""Invented news articles for benchmark corpora: our own outlets, people, quotes and layouts.

Everything here is made up (no real outlet, person or text), so generated corpora are
licence-clean. Each article is assembled from varied pieces (topic, lede, direct and
indirect quotes, anonymous sourcing, a non-response, hedges, figures) so texts differ and
the pipeline does realistic work: every page has a title, byline and date that extraction
must find, and the attribution, source and non-response stages all have something to do.

    pages = article_pages(200, seed=1)         # [(url, html), ...]
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

OUTLETS = (
    ("The Harbour Ledger", "harbourledger.example"),
    ("Kestrel Valley Courier", "kestrelcourier.example"),
    ("Northmarch Daily", "northmarch-daily.example"),
    ("The Saltmere Observer", "saltmere-observer.example"),
    ("Fenwick Wire Service", "fenwickwire.example"),
    ("Brackenford Gazette", "brackenford.example"),
)
FIRST = ("Ilsa", "Tomas", "Marguerite", "Desmond", "Anika", "Rowan", "Petra", "Oskar", "Lucinda", "Emeric",
         "Soraya", "Gideon", "Halvard", "Noemi", "Cassius", "Yelena")
LAST = ("Vantreight", "Okonkwo-Hale", "Brisbury", "Marchetti", "Lindqvist", "Achterberg", "Fairweather",
        "Castellane", "Drummond", "Ostrova", "Penhallow", "Quillfeather", "Ravensworth", "Szemere")
ROLES = ("the regional transport minister", "a spokesperson for the port authority",
         "the council's finance director", "an economist at Brackenford University",
         "the head of the dockworkers' union", "a senior engineer on the project",
         "the deputy mayor", "a researcher at the Saltmere Institute")
TOPICS = (
    ("harbour expansion", "the harbour expansion", "berths", "cranes"),
    ("rail link", "the new rail link", "kilometres of track", "stations"),
    ("water tariff", "the proposed water tariff", "households", "pumping stations"),
    ("fishing quota", "the revised fishing quota", "trawlers", "tonnes of cod"),
    ("bridge repairs", "the bridge repairs", "lanes", "inspectors"),
    ("school budget", "the school budget", "teachers", "classrooms"),
    ("wind farm", "the offshore wind farm", "turbines", "megawatts"),
    ("hospital merger", "the hospital merger", "beds", "clinics"),
)
ANON = ("two officials briefed on the talks", "a person familiar with the planning",
        "three people with knowledge of the negotiations", "a senior official who asked not to be named",
        "several staff members")
NON_RESPONSES = ("{org} declined to comment.", "{org} did not immediately respond to a request for comment.",
                 "{org} could not be reached for comment on {day}.",
                 "A spokesperson for {org} said the office had no comment.")
ORGS = ("The ministry", "The port authority", "The contractor, Veldhaven Works,", "The mayor's office",
        "The regulator", "The union")
HEDGES = ("reportedly", "could", "may", "is expected to", "allegedly")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
LAYOUTS = ("plain", "nav", "aside")


@dataclass(frozen=True, slots=True)
class Page:
    """One generated article page."""

    url: str
    html: str
    outlet: str
    title: str


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _paragraphs(rng: random.Random, topic: tuple[str, str, str, str]) -> list[str]:
    _, thing, unit_a, unit_b = topic
    who, role = _person(rng), rng.choice(ROLES)
    other = _person(rng)
    a, b = rng.randint(3, 90), rng.randint(100, 4000)
    hedge = rng.choice(HEDGES)
    day = rng.choice(DAYS)
    anon = rng.choice(ANON)
    org = rng.choice(ORGS)
    pieces = [
        (f"Work on {thing} {hedge} begin within weeks, adding at least {a} {unit_a}, "
        f"{anon} said on {day}."),
        (f'"We have waited long enough for this," said {who}, {role}. "The money is there and the '
        f'plans are ready."'),
        (f"{other} told reporters that the cost had risen to more than {b} million crowns and that "
        f"{rng.randint(2, 12)} {unit_b} would be affected."),
        f"According to {anon}, the plan was changed twice after objections from residents.",
        (f"{who.split()[1]} said the first phase would be finished by the spring, although critics "
        "argue the timetable is unrealistic."),
        NON_RESPONSES[rng.randrange(len(NON_RESPONSES))].format(org=org, day=day),
        (f"Residents said they {rng.choice(('welcomed', 'feared', 'questioned'))} the decision. "
        f'"Nobody asked us," one shop owner said.'),
        (f"The figures could not be independently verified. {thing.capitalize()} was first proposed "
        f"in {rng.randint(1998, 2022)}."),
    ]
    head, tail = pieces[:2], pieces[2:]
    rng.shuffle(tail)
    return head + tail[: rng.randint(4, len(tail))]


def make_page(index: int, seed: int = 0) -> Page:
    """Article ``index`` of corpus ``seed``: deterministic, so runs compare like with like."""
    rng = random.Random(seed * 1_000_003 + index)
    outlet, host = OUTLETS[index % len(OUTLETS)]
    topic = rng.choice(TOPICS)
    event = rng.choice(("talks resume", "costs rise", "plan revised", "vote delayed"))
    title = f"{topic[0].capitalize()}: {event} ({index})"
    author = _person(rng)
    date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    url = f"https://{host}/news/{date}/{topic[0].replace(' ', '-')}-{index}"
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in _paragraphs(rng, topic))
    layout = LAYOUTS[index % len(LAYOUTS)]
    nav = ('<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
           '<li><a href="/sport">Sport</a></li></ul></nav>') if layout != "plain" else ""
    aside = ('<aside class="related"><h3>Related</h3><ul><li><a href="/x">Council meets again</a></li>'
             "</ul></aside>") if layout == "aside" else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T07:30:00Z">
<link rel="canonical" href="{url}"></head>
<body>{nav}<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By {author}, {outlet}</p>
<time datetime="{date}">{date}</time>
{body}
</article>{aside}</main><footer><p>&copy; {outlet}</p></footer></body></html>
"""
    return Page(url=url, html=page, outlet=outlet, title=title)


def article_pages(count: int, seed: int = 0) -> list[Page]:
    """``count`` different article pages."""
    return [make_page(i, seed) for i in range(count)]
