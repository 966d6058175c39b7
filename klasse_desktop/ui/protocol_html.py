"""The protocol as HTML for the protocol view, with search hits and a highlighted clause.

Built from the domain objects with every text escaped; the markup never enters a
translatable string.

The search looks at both languages, so a clause can be found by a word that is
only in its other text ("groepsapp" in the English view, "group chat" in the
Dutch one). Such a hit would be counted but show nothing marked: its number is
marked, and the other text is shown under it with the word highlighted.
"""

from __future__ import annotations

import html

from klasse_desktop.i18n import _
from klasse_desktop.i18n_dates import format_date, version_label
from klasse_desktop.protocol.models import Clause, Protocol
from klasse_desktop.protocol.search import highlight_spans, query_terms
from klasse_desktop.ui.style import current_scheme  # light or dark, when the HTML is made


def marked(text: str, query: str) -> tuple[str, int]:
    """Escaped `text` with search hits wrapped in a highlight; and the number of hits."""
    spans = highlight_spans(text, query) if query.strip() else []
    out, last = [], 0
    hit = current_scheme().search_hit_bg
    for start, end in spans:
        out.append(html.escape(text[last:start]))
        out.append(f"<span style='background-color:{hit}'>{html.escape(text[start:end])}</span>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out), len(spans)


def language_name(code: str, lang: str) -> str:
    """Babel's name for `code` in the language shown ("Nederlands", "Dutch")."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(lang) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def _missing_terms(text: str, query: str) -> bool:
    """True if some query word has no highlight in `text` (found elsewhere, then)."""
    return any(not highlight_spans(text, term) for term in query_terms(query))


def _other_texts(clause: Clause, lang: str, query: str) -> str:
    """The clause's texts in other languages that show the words this one lacks."""
    parts = []
    for code, text in clause.text.values.items():
        if code == lang:
            continue
        shown, n = marked(text, query)
        if n:
            parts.append(
                f"<br><span style='color:{current_scheme().muted}'>"
                f"{html.escape(language_name(code, lang))}: {shown}</span>"
            )
    return "".join(parts)


def protocol_html(
    protocol: Protocol, lang: str, *, query: str = "", highlight: str | None = None,
    hits: frozenset[str] = frozenset(),
) -> tuple[str, int]:  # fmt: skip
    """The whole document; returns (html, number of search hits).

    `hits`: the clauses the search found; their numbers are marked, and where the
    shown text lacks a searched word, the other language's text is added."""
    marks = 0
    dates = protocol.dates
    parts = [
        f"<h1>{html.escape(protocol.title.get(lang))}</h1>",
        f"<p style='color:{current_scheme().muted}'>{html.escape(protocol.organisation)} — "
        + html.escape(
            _("adopted by the board on {adopted}; evaluation due {evaluation}; {version}").format(
                adopted=format_date(dates.adopted, lang),
                evaluation=format_date(dates.evaluation, lang),
                version=version_label(protocol.version, lang),
            )
        )
        + "</p>",
    ]
    if lang != "nl":
        parts.append(f"<p><i>{html.escape(protocol.translation_note.get(lang))}</i></p>")
    # Outside the f-string: Babel does not extract a _() call inside one.
    introduction = _("Introduction")
    parts.append(f"<h2>{html.escape(introduction)}</h2>")
    for paragraph in protocol.introduction:
        text, n = marked(paragraph.get(lang), query)
        marks += n
        parts.append(f"<p>{text}</p>")
    for section in protocol.sections:
        if section.heading is not None:
            parts.append(f"<h2>{html.escape(section.heading.get(lang))}</h2>")
        parts.append(
            f"<a name='section-{section.id}'></a><h3>{html.escape(section.title.get(lang))}</h3>"
        )
        parts.append("<table width='100%' cellspacing='0' cellpadding='6'>")
        for clause in section.clauses:
            own = clause.text.get(lang)
            text, n = marked(own, query)
            marks += n
            found = clause.id in hits
            if found and _missing_terms(own, query):
                text += _other_texts(clause, lang, query)
            scheme = current_scheme()
            background = f" bgcolor='{scheme.clause_bg}'" if clause.id == highlight else ""
            number = f" bgcolor='{scheme.search_hit_bg}'" if found else ""
            parts.append(
                f"<tr{background}><td nowrap valign='top'{number}><a name='{clause.id}'></a>"
                f"<b>{clause.id}</b></td><td>{text}</td></tr>"
            )
        parts.append("</table>")
    return "\n".join(parts), marks
