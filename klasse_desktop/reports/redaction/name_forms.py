"""The ways a registered name is written in a director's notes.

"Daan de Vries" is also "Daan", "De Vries", "Vries", "D. de Vries", "Daan de V.",
"Daans", "Daantje", "@daan_devries" and "daan.devries@…"; "Anne-Fleur van den
Broek" is also "AnneFleur" and "A. v.d. Broek". Each way becomes one regular
expression over the skeleton (see `folding`), so a name is found however it was
spaced, accented or glued into a handle. Spelling variants ("Mohamed" for
"Mohammed") share a `sound_key`; they are only ever flagged.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from klasse_desktop.reports.redaction.folding import fold_name

# Tussenvoegsels and their counterparts in other languages, as folded tokens.
_PARTICLES = """van de der den het 't te ter ten in op aan bij uit voor la le du da di del della
dos das von vom zu el al bin ibn abu ul d' l'"""
PARTICLES = frozenset(_PARTICLES.split())
SEP = r"[ \-_.]*"  # between name parts: a space, a hyphen, a dot or underscore, or nothing


@dataclass(frozen=True, slots=True)
class NameForm:
    pattern: str  # regular expression over the skeleton, without boundaries or suffix
    tokens: int  # how many name parts it has (1: a word that may also be a common word)
    kind: str  # "full", "given", "surname", "initials"


def _token(token: str) -> str:
    """One name part as a pattern: its hyphens and apostrophes may be typed or not."""
    out = []
    for part in re.split(r"(-|')", token):
        if part == "-":
            out.append(SEP)
        elif part == "'":
            out.append("'?")
        elif part:
            out.append(re.escape(part))
    return "".join(out)


def _joined(tokens: list[str]) -> str:
    return SEP.join(_token(t) for t in tokens)


# How tussenvoegsels are shortened in notes: "v.d. Broek", "vd Broek", "v/d Broek".
_SHORT_PARTICLES = {
    ("van", "de"): r"v\.? ?d\.?|v/d",
    ("van", "den"): r"v\.? ?d\.?|v/d",
    ("van", "der"): r"v\.? ?d\.?|v/d",
    ("van",): r"v\.",
}


def _particles(particles: list[str]) -> str:
    """The tussenvoegsels as a pattern: as typed in full, or in their short forms."""
    short = _SHORT_PARTICLES.get(tuple(particles))
    return f"(?:{_joined(particles)}|{short})" if short else _joined(particles)


def _letters(token: str) -> int:
    return sum(ch.isalnum() for ch in token)


def split_name(name: str) -> tuple[list[str], list[str], list[str]]:
    """Given names, tussenvoegsels and surname of a folded name.

    The first part is always a given name ("Ben de Boer": "ben" is not a particle);
    without particles the last part is the surname.
    """
    tokens = fold_name(name).split()
    if len(tokens) <= 1:
        return tokens, [], []
    start = next((i for i in range(1, len(tokens)) if tokens[i] in PARTICLES), None)
    if start is None:
        return tokens[:-1], [], tokens[-1:]
    end = start
    while end < len(tokens) - 1 and tokens[end] in PARTICLES:
        end += 1
    return tokens[:start], tokens[start:end], tokens[end:]


def name_forms(name: str) -> list[NameForm]:
    given, particles, core = split_name(name)
    forms: dict[str, NameForm] = {}

    def add(tokens: list[str], kind: str, with_particles: bool = False) -> None:
        tokens = [t for t in tokens if t]
        if not tokens or (len(tokens) == 1 and _letters(tokens[0]) < 2):
            return
        if len(tokens) == 1 and tokens[0] in PARTICLES:
            return
        pattern = _joined(tokens)
        if with_particles:  # tokens end in particles + core: "v.d." may stand for the particles
            lead = tokens[: len(tokens) - len(particles) - len(core)]
            parts = [_joined(lead)] if lead else []
            pattern = SEP.join([*parts, _particles(particles), _joined(core)])
        forms.setdefault(pattern, NameForm(pattern, len(tokens), kind))

    add(given + particles + core, "full", bool(particles))
    if particles:
        add(given + core, "full")
    if len(given) > 1:
        add(given[:1] + particles + core, "full", bool(particles))
        add(given[:1] + core, "full")
    for token in given:
        add([token], "given")
        if "-" in token:
            add(token.split("-"), "given")
            for part in token.split("-"):
                add([part], "given")
    if core:
        add(particles + core, "surname", bool(particles))
        for token in core:
            add([token], "surname")
    if given and core and given[0][:1].isalpha():
        initial = re.escape(given[0][0])
        surname = (_particles(particles) + SEP if particles else "") + _joined(core)
        pattern = rf"{initial}(?:\. ?| )(?:[a-z]\. ?)*{surname}"
        forms.setdefault(pattern, NameForm(pattern, 2, "initials"))
    if given and core and core[0][:1].isalpha():
        # "Noor B.", "Daan de V.", a pasted chat's "[16:03] Daan W: hahaha": a first
        # name with the initial of the surname, which ends at a full stop (it stays in
        # the text: it often ends the sentence too) or another mark or space.
        between = f"(?:{_particles(particles)} )?" if particles else ""
        pattern = rf"{_joined(given[:1])} {between}{re.escape(core[0][0])}(?=[.:,;!?)]|\s|$)"
        forms.setdefault(pattern, NameForm(pattern, 2, "initials"))
    return list(forms.values())


_SOUNDS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("ij", "y"))


def sound_key(token: str) -> str:
    """The consonants of a folded name part, doubles once: "Mohamed", "Muhammad" and
    "Mohammed" are all "mhmd"; "Janssen" is "Jansen". Used only to *flag* a spelling
    variant of a registered name, never to replace it."""
    word = "".join(ch for ch in token if ch.isalpha())
    for spelled, sound in _SOUNDS:
        word = word.replace(spelled, sound)
    consonants = [ch for ch in word if ch not in "aeiouy"]
    return "".join(ch for i, ch in enumerate(consonants) if i == 0 or consonants[i - 1] != ch)


def variant_keys(name: str) -> list[tuple[str, str, str]]:
    """(sound key, name part, kind) for the parts of a name long enough to have
    spelling variants worth a flag: five letters or more, three consonants or more."""
    given, _between, core = split_name(name)
    parts = [(t, "given") for t in given] + [(t, "surname") for t in core]
    parts += [(p, "given") for t in given if "-" in t for p in t.split("-")]
    keys = []
    for token, kind in parts:
        key = sound_key(token)
        if _letters(token) >= 5 and len(key) >= 3 and "-" not in token:
            keys.append((key, token, kind))
    return keys


def suffix_pattern(form: NameForm) -> str:
    """Dutch possessives and diminutives after a name: Daans, Jo's, Daantje, Bobbetje."""
    last = re.escape(form.pattern[-1]) if form.pattern[-1:].isalpha() else ""
    double = f"{last}?" if last else ""
    return rf"(?:{double}(?:etje|tje|je|pje|kje|ie|y)s?|'?s|'|’s)?"


@cache
def common_words() -> frozenset[str]:
    """Dutch words that may also be a name part: written in lower case, or at the start
    of a sentence, such a word is not taken for a name without asking."""
    from klasse_desktop.resources import resource

    words: set[str] = set()
    own = resource("redaction", "common-words-nl.txt").read_text(encoding="utf-8")
    words.update(line.strip() for line in own.splitlines() if not line.startswith("#"))
    spec = importlib.util.find_spec("deduce")  # its word lists, without importing it
    if spec is not None and spec.submodule_search_locations:
        base = Path(next(iter(spec.submodule_search_locations))) / "data/lookup/src/whitelist"
        for folder in ("lst_stop_word", "lst_common_word"):
            path = base / folder / "items.txt"
            if path.is_file():
                words.update(path.read_text(encoding="utf-8").split())
    return frozenset(fold_name(w) for w in words if w)
