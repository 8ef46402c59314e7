"""``onrecord stories build|list|show|export``: stories across outlets (docs/stories.md)."""

from __future__ import annotations

import json
import sys

import click

from onrecord.cli.options import build_settings
from onrecord.cli.query import _open, db_option, emit, output_options


@click.group("stories")
def stories_group() -> None:
    """Group articles into stories: who reported first, who copied, who credited whom."""


@stories_group.command("build")
@db_option
@click.option("--force", is_flag=True, help="Forget every story and build them all again.")
@click.option("--window-days", type=click.FloatRange(min=0.01), default=None,
              help="Compare articles published at most this many days apart (setting story_window_days).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Settings file (default: ./onrecord.toml when present).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="The summary: text on stderr, or one JSON document on stdout.")
def build_command(db: str | None, force: bool, window_days: float | None, config_file: str | None,
                  fmt: str) -> None:
    """Put new articles into stories; running it again with nothing new changes nothing."""
    from onrecord.store import Store
    from onrecord.stories.build import StoryParams, build_stories

    settings = build_settings(config_file, story_window_days=window_days)
    with Store.open(db) as store:
        summary = build_stories(store, StoryParams.from_settings(settings), force=force)
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict()))
    else:
        click.echo(f"{summary.new_articles} new articles, {summary.new_stories} new stories, "
                   f"{summary.merged_stories} merged, {summary.recomputed_stories} stories updated "
                   f"in {summary.seconds:.1f}s", err=True)


@stories_group.command("list")
@click.option("--min-articles", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only stories with at least this many articles.")
@output_options
@db_option
def list_command(min_articles: int, fmt: str, limit: int, offset: int, db: str | None) -> None:
    """List stories, the most recently active first."""
    with _open(db) as store:
        rows = store.stories(limit=limit, offset=offset, min_articles=min_articles)
    emit(rows, fmt, ["story_id", "last_published", "n_articles", "n_outlets", "n_independent", "title"]
         if fmt == "table" else None)


@stories_group.command("show")
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text for people, or one JSON document.")
@db_option
def show_command(story_id: str, fmt: str, db: str | None) -> None:
    """Show one story: its articles by time and role, relations, and claims with their origin."""
    from onrecord.errors import OnrecordError

    with _open(db) as store:
        story = store.story(story_id)
        if story is None:
            raise OnrecordError(f"No story {story_id!r} in this store. "
                                "List them with 'onrecord stories list'.")
        articles = store.story_part("articles", story_id)
        relations = store.story_part("relations", story_id)
        claims = store.story_part("claims", story_id)
    if fmt == "json":
        click.echo(json.dumps({**story, "articles": articles, "relations": relations, "claim_links": claims},
                              ensure_ascii=False, default=str))
        return
    click.echo(f"{story['title'] or story_id}\n{story['summary']}\n")
    for a in articles:
        when = a["published"] or "(undated)"
        click.echo(f"  {when:25} {a['role']:13} {a['outlet'] or '-':28} {a['article_id']}")
    if relations:
        click.echo("\nrelations")
        for r in relations:
            target = r["target_id"] or f"({r['evidence'].get('outlet')}, not in the store)"
            click.echo(f"  {r['article_id']} {r['type']} {target}")
    if story["claims"]:
        click.echo("\nclaims (origin, repeats, independent reports, sources)")
        for c in story["claims"]:
            click.echo(f"  {c['origin_article']}  x{c['repeats']}  {c['independent_reports']} independent  "
                       f"{c['sources_phrase']}: {c['content'][:90]}")


@stories_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="One line per article, the format of shared/eval/score_stories.py.")
@db_option
def export_command(fmt: str, db: str | None) -> None:
    """Write every article's story, relations and claim links as JSON Lines on stdout."""
    from onrecord.stories.export import export_lines

    with _open(db) as store, store.engine.connect() as conn:
        for line in export_lines(conn):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
