"""The protocol as HTML for the protocol view, with search hits and a highlighted clause.

Built from the domain objects with every text escaped; the markup never enters a
translatable string.
"""

from __future__ import annotations

import html

from klasse_desktop.i18n import _
from klasse_desktop.i18n_dates import format_date
from klasse_desktop.protocol.models import Protocol
from klasse_desktop.protocol.search import highlight_spans
from klasse_desktop.ui.style import CLAUSE_HIGHLIGHT, HIGHLIGHT, MUTED


def marked(text: str, query: str) -> tuple[str, int]:
    """Escaped `text` with search hits wrapped in a highlight; and the number of hits."""
    spans = highlight_spans(text, query) if query.strip() else []
    out, last = [], 0
    for start, end in spans:
        out.append(html.escape(text[last:start]))
        out.append(
            f"<span style='background-color:{HIGHLIGHT}'>{html.escape(text[start:end])}</span>"
        )
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out), len(spans)


def protocol_html(
    protocol: Protocol, lang: str, *, query: str = "", highlight: str | None = None
) -> tuple[str, int]:
    """The whole document; returns (html, number of search hits)."""
    hits = 0
    dates = protocol.dates
    parts = [
        f"<h1>{html.escape(protocol.title.get(lang))}</h1>",
        f"<p style='color:{MUTED}'>{html.escape(protocol.organisation)} — "
        + html.escape(
            _(
                "adopted by the board on {adopted}; evaluation due {evaluation}; version {version}"
            ).format(
                adopted=format_date(dates.adopted, lang),
                evaluation=format_date(dates.evaluation, lang),
                version=protocol.version,
            )
        )
        + "</p>",
    ]
    if lang != "nl":
        parts.append(f"<p><i>{html.escape(protocol.translation_note.get(lang))}</i></p>")
    parts.append(f"<h2>{html.escape(_('Introduction'))}</h2>")
    for paragraph in protocol.introduction:
        text, n = marked(paragraph.get(lang), query)
        hits += n
        parts.append(f"<p>{text}</p>")
    for section in protocol.sections:
        if section.heading is not None:
            parts.append(f"<h2>{html.escape(section.heading.get(lang))}</h2>")
        parts.append(
            f"<a name='section-{section.id}'></a><h3>{html.escape(section.title.get(lang))}</h3>"
        )
        parts.append("<table width='100%' cellspacing='0' cellpadding='6'>")
        for clause in section.clauses:
            text, n = marked(clause.text.get(lang), query)
            hits += n
            background = f" bgcolor='{CLAUSE_HIGHLIGHT}'" if clause.id == highlight else ""
            parts.append(
                f"<tr{background}><td nowrap valign='top'><a name='{clause.id}'></a>"
                f"<b>{clause.id}</b></td><td>{text}</td></tr>"
            )
        parts.append("</table>")
    return "\n".join(parts), hits
