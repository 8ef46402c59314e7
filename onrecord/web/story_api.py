"""The stories part of the REST API: ``/api/stories`` and one story's articles, relations and claims.

The same conventions as every list in ``api.py`` (docs/web.md): the ``{"items", "page",
"per_page", "total", "next"}`` envelope, ``?format=csv``, unknown parameters and NUL characters
refused with a 400, and the one error shape. Stories come from ``onrecord stories build``; a
store where it never ran has none, and its lists are empty rather than an error.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from onrecord.store import Store
from onrecord.web import api
from onrecord.web.schemas import ERROR_RESPONSES, Page
from onrecord.web.security import ApiError

MAX_STORY_ID = 64  # stories.story_id is VARCHAR(64)
StoryId = Annotated[str, Path(max_length=MAX_STORY_ID, description="A story id, e.g. st-0123456789abcdef.")]

router = APIRouter(tags=["stories"], responses=ERROR_RESPONSES, route_class=api.router.route_class,
                   dependencies=list(api.router.dependencies))


def _story_or_404(store: Store, story_id: str) -> dict[str, Any]:
    story = store.story(story_id)
    if story is None:
        raise ApiError(404, "not_found", f"No story with id {story_id!r}. List them at /api/stories "
                       "(built by 'onrecord stories build').")
    return story


StorySort = Literal["-last_published", "last_published", "first_published", "-first_published",
                    "n_articles", "-n_articles", "n_outlets", "-n_outlets", "n_independent", "-n_independent",
                    "n_claims", "-n_claims", "title", "-title"]


@router.get("/stories", response_model=Page, summary="Stories across outlets")
def list_stories(request: Request, p: api.PagingDep, outlet: api.Text = None, since: api.Day = None,
                 until: api.Day = None,
                 min_articles: Annotated[int, Query(ge=1, le=1_000_000, description="At least this many "
                                                    "articles (default 1).")] = 1,
                 sort: StorySort = "-last_published") -> Page:
    """Stories, the most recently active first, each with its one-line summary ("7 articles in 5
    outlets; 3 independent reports; …"). ``outlet`` keeps stories with an article from it;
    ``since``/``until`` keep stories whose articles' dates overlap that window."""
    store: Store = request.app.state.store
    return api._listing(request, p, sort, "-last_published", lambda limit, offset: store.stories(
        limit=limit, offset=offset, min_articles=min_articles, outlet=outlet, since=since, until=until),
        lambda: store.total("stories", min_articles=min_articles, outlet=outlet, since=since, until=until))


@router.get("/stories/{story_id}", summary="One story: summary, first report and per-claim sourcing")
def get_story(request: Request, story_id: StoryId) -> dict[str, Any]:
    """The story's title, first report, counts, the summary sentence, and ``claims``: per claim its
    origin article and attribution, repeats, the articles carrying it, the independent reports
    among them, and the distinct sources behind it."""
    return _story_or_404(request.app.state.store, story_id)


ArticleSort = Literal["published", "-published", "outlet", "-outlet", "role", "-role", "title", "-title"]


@router.get("/stories/{story_id}/articles", response_model=Page, summary="A story's articles by time")
def story_articles(request: Request, p: api.PagingDep, story_id: StoryId, outlet: api.Text = None,
                   sort: ArticleSort = "published") -> Page:
    """The story's articles, oldest first (undated last), each with its ``role``: first_report,
    independent, copy (copies another member's text) or credited (credits another outlet)."""
    store: Store = request.app.state.store
    _story_or_404(store, story_id)
    return api._listing(request, p, sort, "published", lambda limit, offset: store.story_part(
        "articles", story_id, limit=limit, offset=offset, outlet=outlet),
        lambda: int(store.story_part("articles", story_id, count=True, outlet=outlet)[0]["total"]))


RelationSort = Literal["id", "type", "-type", "article_id", "-article_id", "score", "-score"]


@router.get("/stories/{story_id}/relations", response_model=Page, summary="A story's relations")
def story_relations(request: Request, p: api.PagingDep, story_id: StoryId, sort: RelationSort = "id") -> Page:
    """``copy_of``, ``cites`` and ``follows_up`` between the story's articles, each with its
    evidence (shared sentences, the crediting phrase and its offsets, hours after the first
    report). A credit to an outlet not in the store has ``target_id`` null."""
    store: Store = request.app.state.store
    _story_or_404(store, story_id)
    return api._listing(request, p, sort, "id", lambda limit, offset: store.story_part(
        "relations", story_id, limit=limit, offset=offset),
        lambda: int(store.story_part("relations", story_id, count=True)[0]["total"]))


ClaimSort = Literal["id", "article_id", "-article_id", "origin_article_id", "-origin_article_id",
                    "score", "-score", "match", "-match"]


@router.get("/stories/{story_id}/claims", response_model=Page, summary="A story's claim links")
def story_claims(request: Request, p: api.PagingDep, story_id: StoryId, sort: ClaimSort = "id") -> Page:
    """Each attribution that repeats an earlier claim of the story, with its content and offsets
    and the origin: the earliest article and attribution carrying it (``match``: verbatim or
    paraphrase)."""
    store: Store = request.app.state.store
    _story_or_404(store, story_id)
    return api._listing(request, p, sort, "id", lambda limit, offset: store.story_part(
        "claims", story_id, limit=limit, offset=offset),
        lambda: int(store.story_part("claims", story_id, count=True)[0]["total"]))


__all__ = ["router"]
