"""The story pages: ``/stories`` (stories across outlets) and ``/stories/{id}`` (one story).

A story page shows the summary sentence ("4 articles in 4 outlets; 2 independent reports; the
central claim rests on …"), a timeline of the articles by outlet and time marked as first
report, independent report, credited re-report or copy, the provenance graph (copy_of, cites,
follows_up), the articles with their relations, and the claims table: each claim's origin
article, how often it is repeated and what it rests on. Same conventions as ``pages.py``: a
typed context per page, reads through the Store, charts from ``story_charts.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from onrecord.store import Store
from onrecord.web.pages import (
    RESULTS_PER_PAGE,
    PageError,
    Pager,
    _date_param,
    _guard,
    _outlets,
    _page_param,
    _pager,
    _render,
    _store,
    _str_param,
)
from onrecord.web.story_charts import MAX_DRAWN, RELATION_STYLE, provenance_graph, role_label, story_timeline

router = APIRouter(include_in_schema=False)

MAX_STORY_ID = 64
MAX_RELATIONS = 5_000  # relations one page reads (a story of 5,000 articles has about that many)


@dataclass
class StoriesContext:
    stories: list[dict[str, Any]]
    pager: Pager
    outlet: str
    since: str
    until: str
    outlets: list[str]
    filtered: bool


@dataclass
class ArticleRow:
    """One article of a story, as the page lists it."""

    article: dict[str, Any]
    role: str  # the reader's words: "copy", "credited re-report", …
    relations: list[tuple[str, str | None, str]]  # (verb, target article id or None, target label)


@dataclass
class ClaimRow:
    """One claim of a story and what it rests on."""

    claim: dict[str, Any]
    origin: dict[str, Any] | None  # the origin article's row (outlet, published, title), when shown
    n_outlets: int


@dataclass
class StoryContext:
    story: dict[str, Any]
    articles: list[ArticleRow]
    claims: list[ClaimRow]
    timeline: Markup
    graph: Markup
    total_articles: int
    drawn: int = MAX_DRAWN
    undated: list[dict[str, Any]] = field(default_factory=list)


@router.get("/stories", response_class=HTMLResponse)
@_guard
async def stories(request: Request) -> HTMLResponse:
    page = _page_param(request)
    outlet = _str_param(request, "outlet")
    since, until = _date_param(request, "since"), _date_param(request, "until")
    store = _store(request)
    rows = await run_in_threadpool(store.stories, outlet=outlet or None, since=since or None,
                                   until=until or None, limit=RESULTS_PER_PAGE + 1,
                                   offset=(page - 1) * RESULTS_PER_PAGE)
    ctx = StoriesContext(rows[:RESULTS_PER_PAGE], _pager(request, page, len(rows) > RESULTS_PER_PAGE),
                         outlet, since, until, await run_in_threadpool(_outlets, store),
                         filtered=bool(outlet or since or until))
    return _render(request, "stories.html", ctx, title="Stories")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
@_guard
async def story(request: Request, story_id: str) -> HTMLResponse:
    if len(story_id) > MAX_STORY_ID:
        raise PageError(404, "No such story.")
    ctx = await run_in_threadpool(_story_context, _store(request), story_id)
    return _render(request, "story.html", ctx, title=str(ctx.story.get("title") or "Story"))


def _story_context(store: Store, story_id: str) -> StoryContext:
    found = store.story(story_id)
    if found is None:
        raise PageError(404, "No story with this id in the store. Stories are built by "
                             "'onrecord stories build'.")
    articles = store.story_part("articles", story_id, limit=MAX_DRAWN + 1)
    total = len(articles) if len(articles) <= MAX_DRAWN else int(found["n_articles"])
    articles = articles[:MAX_DRAWN]
    relations = store.story_part("relations", story_id, limit=MAX_RELATIONS)
    by_id = {str(a["article_id"]): a for a in articles}
    verbs = {rtype: label for rtype, (label, _, _) in RELATION_STYLE.items()}
    related: dict[str, list[tuple[str, str | None, str]]] = {}
    for r in relations:
        target = r.get("target_id")
        shown = by_id.get(str(target)) if target is not None else None
        label = (str(shown.get("outlet") or target) if shown is not None
                 else str(target) if target is not None
                 else f"{r['evidence'].get('outlet') or 'an outlet'} (not in the store)")
        related.setdefault(str(r["article_id"]), []).append(
            (verbs.get(str(r["type"]), str(r["type"])), str(target) if target is not None else None, label))
    rows = [ArticleRow(a, role_label(a.get("role")), related.get(str(a["article_id"]), [])) for a in articles]
    claims = []
    for c in found.get("claims", []):
        carriers = [by_id[x] for x in c.get("articles", []) if x in by_id]
        n_outlets = len({a.get("outlet") for a in carriers if a.get("outlet")})
        claims.append(ClaimRow(c, by_id.get(str(c.get("origin_article"))), n_outlets))
    title = str(found.get("title") or story_id)
    return StoryContext(
        story=found, articles=rows, claims=claims, total_articles=total,
        timeline=story_timeline(articles, title=f"Timeline of the story: {title}"),
        graph=provenance_graph(articles, relations, title=f"Who copied, credited and followed whom: {title}"),
        undated=[a for a in articles if not a.get("published")])


__all__ = ["router"]
