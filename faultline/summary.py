"""`faultline extract --summary`: a readable account of each article on a terminal (rich),
beside the records written: its events as a table, then claims, quotes, background and problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .records import ArticleResult, Claim, Event, Quote


def summarised(results: Iterable[ArticleResult], stream: TextIO) -> Iterator[ArticleResult]:
    """Each result, once its summary is printed on `stream`."""
    console = Console(file=stream, highlight=False, width=110)
    for result in results:
        print_summary(result, console)
        yield result


def print_summary(result: ArticleResult, console: Console) -> None:
    """A readable account of one article: events, claims, quotes, background and problems."""
    article = result.article
    day = f"published {article.published}" if article.published else "no publication date"
    console.rule(f"[bold]{escape(article.id)}", align="left")
    console.print(escape(" | ".join(x for x in (article.title, article.source, day) if x)))
    console.print(_events_table(result) if result.events else "[dim]No events found.[/dim]")
    _print_section(console, "Casualty and other claims", [_claim_line(c) for c in result.claims])
    _print_section(console, "Quotes", [_quote_line(q) for q in result.quotes])
    background = [f"{escape(_short(b.text))} [dim]({b.when or 'undated'})[/dim]"
                  for b in result.background]  # fmt: skip
    _print_section(console, "Background (not new events)", background)
    problems = [f"{escape(p.code)}: {escape(p.detail)}" for p in result.problems]
    _print_section(console, "Problems", problems)


def _events_table(result: ArticleResult) -> Table:
    table = Table(title=f"Events ({len(result.events)})", title_justify="left", show_lines=True)
    for column in ("date", "place", "sub-event type", "actors", "deaths", "claimant"):
        table.add_column(column)
    for event in result.events:
        parts = (event.location, event.admin1, event.country)
        place = ", ".join(dict.fromkeys(x for x in parts if x)) or "?"
        actors = " vs ".join(x for x in (event.actor1, event.actor2) if x) or "?"
        table.add_row(
            escape(event.event_date or "?") + (f" to {event.date_end}" if event.date_end else ""),
            escape(place) + (f" (geo {event.geo_precision})" if event.geo_precision else ""),
            escape(f"{event.sub_event_type} ({event.event_type})"),
            escape(actors),
            _deaths(event),
            escape(event.claimant or "-"),
        )
    return table


def _deaths(event: Event) -> str:
    if event.fatalities is None:
        return "-"
    spread = (event.fatalities_low, event.fatalities_high)
    if None in spread or spread[0] == spread[1]:
        return str(event.fatalities)
    return f"{event.fatalities} ({spread[0]}-{spread[1]})"


def _claim_line(claim: Claim) -> str:
    count = "?" if claim.count is None else str(claim.count)
    if claim.count_low is not None and claim.count_high not in (None, claim.count_low):
        count += f" ({claim.count_low}-{claim.count_high})"
    what = f"{claim.kind} {count}" if claim.kind not in ("accusation", "denial") else claim.kind
    line = f"{escape(what)} {escape(claim.victims or '')}".rstrip()
    line += f" [dim]- claimed by[/dim] {escape(claim.claimant or 'unattributed')}"
    if claim.is_background:
        line += " [yellow]\\[background][/yellow]"
    return line + f' [dim]"{escape(_short(claim.evidence.text))}"[/dim]'


def _quote_line(quote: Quote) -> str:
    kind = "" if quote.is_direct else " [dim](indirect)[/dim]"
    speaker = escape(quote.speaker or "unknown speaker")
    return f'[bold]{speaker}[/bold]{kind}: "{escape(_short(quote.text))}"'


def _print_section(console: Console, title: str, lines: list[str]) -> None:
    if not lines:
        return
    console.print(f"[bold]{title}[/bold]")
    for line in lines:
        console.print(f"  - {line}")


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
