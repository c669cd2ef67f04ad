"""The `bilat-search` command: a thin layer over the library modules."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from . import highlight
from .chronology import DEFAULT_SORT as MEETINGS_DEFAULT_SORT
from .chronology import MeetingsBadRequest, MeetingsRequest
from .facets import FACETS
from .indexer import BuildSummary, NothingToIndex, build, update
from .ingest import DEFAULT_MAX_FILE_MB, IngestReport, read_articles
from .meeting import CSV_FIELDS as MEETING_CSV_FIELDS
from .meeting import Meeting
from .meeting_table import table_of
from .parallel_writer import WriterProcessFailed
from .records import CSV_FIELDS, MEETING_ID, csv_row, make_record
from .search import BadRequest, Engine, SearchRequest
from .store import IndexBusy, IndexMissing, IndexStore, IndexUnreadable, default_index_dir
from .workers import listening_socket, run_workers
from .write_errors import CannotWrite

DEFAULT_SEEDS = "seeds"

index_dir_option = click.option(
    "--index-dir", type=click.Path(path_type=Path), default=None,
    help="Index folder (default: $BILAT_INDEX_DIR or index/).",
)


def _store(index_dir: Path | None) -> IndexStore:
    return IndexStore(index_dir or default_index_dir())


def _folder_or_nothing(store: IndexStore) -> None:
    """Refuse an index folder that is a file, before reading or building anything."""
    if store.root.exists() and not store.root.is_dir():
        raise click.ClickException(f"{store.root} is a file, not an index folder")


def _engine(index_dir: Path | None) -> Engine:
    store = _store(index_dir)
    _folder_or_nothing(store)
    if not store.exists():
        raise click.ClickException(f"no index in {store.root}/ yet: run `bilat-search index` first")
    engine = Engine(store.root)
    _open(engine)
    return engine


def _open(engine: Engine) -> None:
    """Open the served index now, so that an unreadable one is one clear line."""
    try:
        engine.generation()
    except (IndexMissing, IndexUnreadable) as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bilat-search")
def cli() -> None:
    """Search Vietnamese news on the Ministry of Public Security's meetings with foreign partners."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_dir_option
@click.option("--update", "incremental", is_flag=True,
              help="Add new and changed files and drop deleted ones, without a full rebuild.")
@click.option("--no-wait", is_flag=True, help="Fail at once if another build is running, instead of waiting.")
@click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_FILE_MB,
              show_default=True, envvar="BILAT_MAX_FILE_MB",
              help="Skip larger files (and JSON Lines records with more text), with the reason "
                   "[env: BILAT_MAX_FILE_MB].")
def index(paths: tuple[Path, ...], index_dir: Path | None, incremental: bool, no_wait: bool,
          max_file_mb: float) -> None:
    """Build the index from article files (default PATH: seeds/).

    Reads .txt (seed format, ` date` prefix, plain text), .html and
    .jsonl[.gz] files, in any encoding. A full rebuild is atomic: the old
    index is served until the new one is complete, and a build that fails
    (a full disk, say) removes what it wrote.
    """
    store = _store(index_dir)
    paths = paths or (Path(DEFAULT_SEEDS),)
    bar = _progress_bar()

    def on_wait(message: str) -> None:
        click.echo(message + " …", err=True)

    try:
        run = update if incremental else build
        summary = run(paths, store, progress=bar.update, on_wait=on_wait, wait=not no_wait, max_mb=max_file_mb)
    except (IndexBusy, NothingToIndex, FileNotFoundError, CannotWrite, WriterProcessFailed) as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        bar.close()
        click.echo("Interrupted: the previous index is unchanged.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: one line, not a traceback; nothing was published
        raise click.ClickException(f"the build failed ({type(exc).__name__}: {exc}); "
                                   "the previous index is unchanged") from exc
    finally:
        bar.close()
    _print_summary(summary, store)


class _PlainProgress:
    """Progress as occasional lines, for logs and pipes."""

    def __init__(self, every: int = 1000):
        self.count = 0
        self.every = every

    def update(self, n: int = 1) -> None:
        before = self.count // self.every
        self.count += n
        if self.count // self.every > before:
            click.echo(f"  … {self.count} articles", err=True)

    def close(self) -> None:
        pass


def _progress_bar():
    if sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(unit=" articles", desc="Indexing", leave=False, file=sys.stderr)
    return _PlainProgress()


def _print_summary(summary: BuildSummary, store: IndexStore) -> None:
    if summary.mode == "build":
        click.echo(f"Indexed {summary.indexed} articles from {summary.files} files "
                   f"in {summary.seconds:.1f} s ({summary.docs_per_second:.0f} docs/s).")
    else:
        click.echo(f"Updated the index in {summary.seconds:.1f} s: {summary.indexed} new, "
                   f"{summary.updated} changed, {summary.removed + summary.removed_articles} removed "
                   f"({summary.removed} files gone), {summary.unchanged} files unchanged; "
                   f"{summary.total} articles in all.")
    if summary.duplicates:
        click.echo(f"Duplicates read once: {len(summary.duplicates)}")
        for dup in summary.duplicates[:20]:
            click.echo(f"  {dup.path}: {dup.reason}")
        if len(summary.duplicates) > 20:
            click.echo(f"  … and {len(summary.duplicates) - 20} more")
    if summary.skipped:
        click.echo(f"Skipped: {len(summary.skipped)}")
        for skip in summary.skipped:
            click.echo(f"  {skip.path}: {skip.reason}")
    else:
        click.echo("Skipped: 0")
    click.echo(f"Index: {store.root}/ ({summary.generation})")


def _parse_filters(values: tuple[str, ...]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    aliases = {facet.field: param for param, facet in FACETS.items()}
    for item in values:
        name, sep, value = item.partition("=")
        name = aliases.get(name.strip(), name.strip())
        if not sep or not value.strip():
            raise click.BadParameter(f"'{item}': use FIELD=VALUE, e.g. partner=Nga", param_hint="--filter")
        if name not in FACETS:
            raise click.BadParameter(f"unknown field '{name}': use one of {', '.join(FACETS)}",
                                     param_hint="--filter")
        filters.setdefault(name, []).append(value.strip())
    return filters


@cli.command()
@click.argument("query", required=False, default="")
@click.option("--filter", "-f", "filters", multiple=True, metavar="FIELD=VALUE",
              help="Narrow by a facet (partner, year, official, topic, source, type, location); "
                   "repeat: OR within a field, AND across fields.")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--page", default=1, type=click.IntRange(1, 1000))
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance",
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the API's shape).")
@index_dir_option
def search(query: str, filters: tuple[str, ...], limit: int, page: int, sort: str, as_json: bool,
           index_dir: Path | None) -> None:
    """Search the index: words, "phrases", -exclude, OR.

    Diacritics are optional (`to lam` finds Tô Lâm); words typed together
    rank articles where they stand together first.
    """
    engine = _engine(index_dir)
    request = SearchRequest(query=query, filters=_parse_filters(filters), sort=sort, page=page,
                            page_size=limit)
    try:
        response = engine.search(request)
    except BadRequest as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        from .api import response_json

        click.echo(json.dumps(response_json(response), ensure_ascii=False, indent=2))
        return
    color = sys.stdout.isatty()
    for notice in response.notices:
        click.echo(click.style(str(notice), fg="cyan") if color else str(notice))
    folded = f" from {response.total} articles" if response.results != response.total else ""
    click.echo(f"{response.results} results{folded} ({response.meetings} meetings; {response.took_ms:.0f} ms)")
    for n, hit in enumerate(response.hits, (page - 1) * limit + 1):
        record = hit.record
        title = click.style(record["title"], bold=True) if color else record["title"]
        meta = " · ".join(str(x) for x in (record.get("date") or "date unknown", record.get("source"),
                                            ", ".join(record.get("partner_countries") or []) or None) if x)
        click.echo(f"\n{n}. {title}")
        click.echo(f"   {meta}")
        click.echo(f"   {record['path']}  [{record['id']}]")
        click.echo("   " + highlight.to_terminal(hit.fragments, color))
        if hit.others:
            click.echo(f"   +{len(hit.others)} other reports of this meeting: "
                       + ", ".join(f"[{other['id']}]" for other in hit.others))
    if response.total:
        click.echo("")
        for param, values in response.facets.items():
            shown = ", ".join(f"{v.value} ({v.count})" for v in values[:8])
            if shown:
                click.echo(f"{param}: {shown}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON record per line (JSON Lines).")
def extract(files: tuple[Path, ...], as_json: bool) -> None:
    """Print the meeting facts of article files, without indexing."""
    report = IngestReport()
    records = [make_record(article) for article in read_articles(files, report)]
    meetings = table_of(records)  # reports of one meeting among the files share a meeting_id
    for record in records:
        record[MEETING_ID] = meetings.meeting_id_of(record["id"])
    count = 0
    for record in records:
        count += 1
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        click.echo(f"== {record['path']}  [{record['id']}]")
        for name, value in record.items():
            if name in ("text", "path", "id"):
                continue
            if isinstance(value, list):
                value = ", ".join(value) or "—"
            click.echo(f"  {name:18} {value if value is not None else '—'}")
    for skip in report.skipped:
        click.echo(f"skipped {skip.path}: {skip.reason}", err=True)
    if count == 0:
        raise click.ClickException("no article could be read")


# --- meetings ---------------------------------------------------------------------------------
MEETING_COLUMNS = (("date", 10), ("partner", 14), ("Vietnamese officials", 22), ("foreign side", 28),
                   ("type", 12), ("place", 14), ("reports", 7), ("title", 50))


@cli.command()
@click.argument("query", required=False, default="")
@click.option("--filter", "-f", "filters", multiple=True, metavar="FIELD=VALUE",
              help="Narrow by a facet (partner, year, official, topic, source, type, location); "
                   "a meeting matches when one of its reports does.")
@click.option("--sort", default=MEETINGS_DEFAULT_SORT, show_default=True,
              help="date, partner, official, foreign, type, place, topic, reports or relevance; "
                   "a leading - sorts descending (--sort=-reports).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", "-n", type=click.IntRange(1), default=None, help="At most N meetings (default: all).")
@index_dir_option
def meetings(query: str, filters: tuple[str, ...], sort: str, fmt: str, limit: int | None,
             index_dir: Path | None) -> None:
    """The meetings the index reports, newest first: one line per meeting, however many articles report it."""
    engine = _engine(index_dir)
    request = MeetingsRequest(query=query, filters=_parse_filters(filters), sort=sort, page=1, page_size=1)
    try:
        response = engine.meetings(request)
        found = engine.matching_meetings(request)[:limit]
    except (MeetingsBadRequest, BadRequest) as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        from .api import meetings_json

        data = meetings_json(response)
        data.update(meetings=[m.as_json() for m in found], page_size=len(found), pages=1)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=MEETING_CSV_FIELDS)
        writer.writeheader()
        for meeting in found:
            writer.writerow(meeting.csv_row())
    else:
        for notice in response.notices:
            click.echo(str(notice), err=True)
        click.echo(f"{_count(response.total, 'meeting')} ({_count(response.articles, 'article')})")
        for line in _meeting_lines(found):
            click.echo(line)


def _meeting_lines(found: list[Meeting]) -> list[str]:
    """A plain table: one line per meeting, long cells cut with an ellipsis."""

    def cell(text: str, width: int) -> str:
        return (text if len(text) <= width else text[:width - 1] + "…").ljust(width)

    lines = ["  ".join(cell(name, width) for name, width in MEETING_COLUMNS).rstrip()]
    for m in found:
        values = (m.date or "?", ", ".join(m.partner_countries), ", ".join(m.vn_officials),
                  "; ".join(filter(None, (", ".join(m.foreign_officials), ", ".join(m.foreign_agencies)))),
                  ", ".join(m.meeting_types), ", ".join(m.locations), str(len(m.reports)), m.title)
        lines.append("  ".join(cell(v, w) for v, (_, w) in zip(values, MEETING_COLUMNS, strict=True)).rstrip())
    return lines


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@index_dir_option
def export(fmt: str, index_dir: Path | None) -> None:
    """Print every record of the index (JSON Lines with text, or CSV without)."""
    engine = _engine(index_dir)
    if fmt == "jsonl":
        for record in engine.records():
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for record in engine.records():
        writer.writerow(csv_row(record))


@cli.command()
@index_dir_option
@click.option("--json", "as_json", is_flag=True)
def stats(index_dir: Path | None, as_json: bool) -> None:
    """Article count, index size, date range and counts per source."""
    engine = _engine(index_dir)
    try:
        info = engine.stats()
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(f"Articles:   {info['articles']}")
    click.echo(f"Index size: {info['index_bytes'] / 1_048_576:.1f} MB ({info['index_path']})")
    click.echo(f"Dates:      {info['first_date'] or '?'} to {info['last_date'] or '?'}")
    for title, key in (("Sources", "sources"), ("Partners", "partners"), ("Years", "years")):
        click.echo(f"{title}:")
        for value, count in info[key].items():
            click.echo(f"  {value:24} {count}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes answering requests (one per core serves more people at once; each has its own caches).")
@index_dir_option
def serve(host: str, port: int, threads: int, workers: int, index_dir: Path | None) -> None:
    """Serve the web page (waitress); builds the index from seeds/ first if there is none."""
    import ipaddress

    from waitress import create_server

    from .webapp import create_app

    store = _store(index_dir)
    _folder_or_nothing(store)
    if not store.exists():
        click.echo(f"No index in {store.root}/: building it from {DEFAULT_SEEDS}/ …")
        try:
            summary = build([Path(DEFAULT_SEEDS)], store)
        except (NothingToIndex, IndexBusy, CannotWrite, WriterProcessFailed) as exc:
            raise click.ClickException(str(exc)) from exc
        _print_summary(summary, store)
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(click.style(f"Warning: listening on {host}, reachable from other machines. "
                               "bilat-search has no login.", fg="red"), err=True)
    shown = f"[{host}]" if ":" in host else host
    if workers == 1:
        app = create_app(store.root)
        _open(app.extensions["engine"])
        app.extensions["engine"].watch()
        server = create_server(app, host=host, port=port, threads=threads, ident="bilat-search")
        click.echo(f"Serving bilat-search on http://{shown}:{server.effective_port}/  (Ctrl-C to stop)")
        sys.stdout.flush()
        try:
            server.run()
        except KeyboardInterrupt:
            click.echo("Stopped.")
        return
    checked = Engine(store.root)
    _open(checked)  # an unreadable index is one clear line, before any worker starts
    checked.generation().close()
    try:
        sock = listening_socket(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {shown}:{port}: {exc.strerror or exc}") from exc

    def serve_one() -> None:
        app = create_app(store.root)
        app.extensions["engine"].generation()
        app.extensions["engine"].watch()
        create_server(app, sockets=[sock], threads=threads, ident="bilat-search").run()

    click.echo(f"Serving bilat-search on http://{shown}:{sock.getsockname()[1]}/  "
               f"({workers} workers; Ctrl-C to stop)")
    sys.stdout.flush()
    run_workers(workers, serve_one)
    click.echo("Stopped.")


def _count(n: int, noun: str) -> str:
    """`1 meeting`, `3 meetings`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
