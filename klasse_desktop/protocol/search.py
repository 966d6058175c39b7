"""Searching the protocol and the wizards the way a hurried teacher types.

Matching ignores case and accents ("prive" finds "privé") and looks at both
languages, so an intern who types English still finds the Dutch rule. Results
are ranked: every query word must occur; a clause ID typed as such wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from klasse_desktop.protocol.models import Clause, Protocol, RuleSet, Wizard

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, accent-free form used for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def query_terms(query: str) -> list[str]:
    return _WORD.findall(fold(query))


@dataclass(frozen=True, slots=True)
class ClauseHit:
    clause: Clause
    score: int


@dataclass(frozen=True, slots=True)
class WizardHit:
    wizard: Wizard
    score: int


def _score(terms: list[str], haystacks: list[str]) -> int:
    """0 if a term is missing; otherwise more for whole-word and earlier-field hits."""
    score = 0
    for term in terms:
        best = 0
        for weight, hay in enumerate(reversed(haystacks), start=1):
            if re.search(rf"\b{re.escape(term)}\b", hay):
                best = max(best, 2 * weight)
            elif term in hay:
                best = max(best, weight)
        if not best:
            return 0
        score += best
    return score


def search_clauses(protocol: Protocol, query: str, language: str = "nl") -> list[ClauseHit]:
    terms = query_terms(query)
    if not terms:
        return []
    if len(terms) == 1 and protocol.has_clause(terms[0]):
        return [ClauseHit(protocol.clause(terms[0]), 1000)]
    hits = []
    for clause in protocol.clauses:
        others = [t for lang, t in clause.text.values.items() if lang != language]
        score = _score(terms, [fold(clause.text.get(language)), *map(fold, others)])
        if score:
            hits.append(ClauseHit(clause, score))
    return sorted(hits, key=lambda h: -h.score)


def search_wizards(rules: RuleSet, query: str, language: str = "nl") -> list[WizardHit]:
    terms = query_terms(query)
    if not terms:
        return []
    hits = []
    for wizard in rules.wizards.values():
        fields = [
            fold(wizard.title.get(language)),
            fold(" ".join(wizard.keywords.get(language, ()))),
            fold(wizard.summary.get(language)),
            fold(" ".join(" ".join(words) for words in wizard.keywords.values())),
        ]
        score = _score(terms, fields)
        if score:
            hits.append(WizardHit(wizard, score))
    return sorted(hits, key=lambda h: -h.score)


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans in `text` where query terms occur (accent-insensitive)."""
    terms = query_terms(query)
    if not terms:
        return []
    # fold() may change length (ß -> ss); map folded offsets back per character.
    folded, origin = [], []
    for index, ch in enumerate(text):
        piece = fold(ch)
        folded.append(piece)
        origin.extend([index] * len(piece))
    flat = "".join(folded)
    spans = []
    for term in terms:
        for match in re.finditer(re.escape(term), flat):
            spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
