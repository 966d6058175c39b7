"""Case notes as a tired director types them, and what a report may print of them.

Every sentence is invented, and so is every person in `CAST`. Each case gives the
note, the file it goes into, the flags the review must show (span as typed,
reason, candidate parties) and the exact text printed once the director decided
those flags. Labels are computed through the same `_()` calls as the redactor's,
so the expectations hold whichever catalog is compiled; `{B}` is "Leerling B",
`{oB}` "Ouder van Leerling B", `{c1}` "Ouder/verzorger 1", `{P1}` "Persoon 1".

In the pupil file (subject: Noor Okafor) every other pupil and their parents are
hidden; Noor's mother Grace is named. In the staff file (subject: Els Verbeek)
every pupil and parent is hidden and pupils start at A, so the other pupils have
the same letters in both files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from klasse_desktop.i18n import _
from klasse_desktop.reports.redaction.policy import Person
from klasse_desktop.reports.redaction.redactor import (
    AMBIGUOUS,
    HANDLE,
    HIDE,
    KEEP,
    PARTY,
    UNREGISTERED,
    WORD_OR_NAME,
    Decision,
    Redactor,
    ReviewNeeded,
)
from klasse_desktop.reports.redaction.unregistered import NameFinder, deduce_finder

SCHOOL = "OBS De Regenboog"

CAST = (
    Person(1, "leerling", "Noor Okafor", "7B"),
    Person(2, "leerling", "Daan de Vries", "7B"),
    Person(3, "leerling", "Noor Bakker", "7A"),
    Person(4, "leerling", "Bo Jansen", "5"),
    Person(5, "leerling", "Jo Peeters", "6"),
    Person(6, "leerling", "Ben Kuijpers", "8"),
    Person(7, "leerling", "Emre Yılmaz", "7B"),
    Person(8, "leerling", "Anne-Fleur van den Broek", "7B"),
    Person(9, "leerling", "Bob Hendriks", "3"),
    Person(10, "leerling", "Mohammed al-Ali", "7A"),
    Person(11, "leerling", "Łukasz Nowak", "7A"),
    Person(12, "leerling", "Elif Aydın", "6"),
    Person(13, "leerling", "Roos Meijer", "4"),
    Person(14, "leerling", "Lieke Vermeulen", "7B"),
    Person(15, "leerling", "Samira El Idrissi", "6"),
    Person(20, "ouder", "Ingrid de Vries", related_to=2),
    Person(21, "ouder", "Peter de Vries", related_to=2),
    Person(22, "ouder", "Fatma Yılmaz", related_to=7),
    Person(23, "ouder", "Kemal Aydın", related_to=12),
    Person(24, "ouder", "Grace Okafor", related_to=1),
    Person(25, "ouder", "Karin Smit"),  # nobody recorded whose parent she is
    Person(30, "medewerker", "Els Verbeek", "leerkracht groep 7"),
    Person(31, "medewerker", "Mark Visser", "intern begeleider"),
    Person(32, "stagiair", "Lotte Dekker", "stagiair pabo"),
    Person(40, "extern", "Hanneke Bos", "GGD"),
)
SUBJECT = {"pupil": (1, "leerlingendossier"), "staff": (30, "personeelsdossier")}


def labels() -> dict[str, str]:
    def pupil(letter: str) -> str:
        return _("Pupil {letter}").format(letter=letter)

    out = {letter: pupil(letter) for letter in "ABCDEFGHIJKLMNO"}
    for letter in "ABGL":
        out[f"o{letter}"] = _("Parent of {pupil}").format(pupil=pupil(letter))
    out["oB2"] = f"{out['oB']} (2)"
    out["c1"] = _("Parent or carer {number}").format(number=1)
    for number in (1, 2, 3):
        out[f"P{number}"] = _("Person {number}").format(number=number)
    return out


@dataclass(frozen=True)
class Note:
    file: str  # "pupil" or "staff"
    text: str
    printed: str  # after the decisions, with {B}-style labels
    flags: tuple[tuple[str, str, tuple[int, ...]], ...] = ()
    decisions: dict[str, Decision] = field(default_factory=dict)
    finder: bool = True  # False: registered names only, as without deduce


def note(file: str, text: str, printed: str, *flags: tuple[str, str, tuple[int, ...]],
         decide: dict[str, Decision] | None = None, finder: bool = True) -> Note:  # fmt: skip
    return Note(file, text, printed, flags, decide or {}, finder)


def keep(*keys: str) -> dict[str, Decision]:
    return {key: Decision(KEEP) for key in keys}


def party(key: str, party_id: int) -> dict[str, Decision]:
    return {key: Decision(PARTY, party_id)}


def hide(*keys: str) -> dict[str, Decision]:
    return {key: Decision(HIDE) for key in keys}


CORPUS = {
    # -- possessives and diminutives ----------------------------------------------------
    "possessive-s": note("pupil", "Daans moeder belde vanochtend boos op.",
                         "{B}'s moeder belde vanochtend boos op."),
    "possessive-shared-first-name": note(
        "pupil", "Noors vader kwam langs om het te bespreken.",
        "{C}'s vader kwam langs om het te bespreken.",
        ("Noors", AMBIGUOUS, (1, 3)), decide=party("Noors", 3)),
    "possessive-apostrophe": note("staff", "Jo's telefoon is ingenomen door meester Mark.",
                                  "{E}'s telefoon is ingenomen door meester Mark."),
    "possessive-short": note("pupil", "Elifs broertje zat er ook bij.",
                             "{L}'s broertje zat er ook bij."),
    "diminutives": note("pupil", "Daantje huilde in de pauze, Bobbetje ook.",
                        "{B} huilde in de pauze, {I} ook."),
    "zn-after-name": note("staff", "Emre z'n jas lag weer in de gang.",
                          "{G} z'n jas lag weer in de gang."),
    "possessive-typographic-apostrophe": note("pupil", "Bo’s fiets is kapot gemaakt.",
                                              "{D}'s fiets is kapot gemaakt."),
    "possessive-or-other-surname": note(
        "pupil", "Peters auto stond voor de school.", "{P1} auto stond voor de school.",
        ("Peters", UNREGISTERED, (5, 21)), decide=hide("Peters")),
    # -- nicknames: the start of a first name, made small or not -------------------------
    "nickname-start-and-small": note(
        "pupil", "Lieke (ook wel 'Liek' of Liekje) gaf toe dat zij het account had.",
        "{N} (ook wel '{N}' of {N}) gaf toe dat zij het account had.",
        ("Liek", UNREGISTERED, (14,)), ("Liekje", UNREGISTERED, (14,)),
        decide=party("Liek", 14) | party("Liekje", 14)),
    "nickname-doubled-consonant": note(
        "staff", "Sammie stuurde het door; Sam zegt dat het een grap was.",
        "{O} stuurde het door; {P1} zegt dat het een grap was.",
        ("Sammie", UNREGISTERED, (15,)), ("Sam", UNREGISTERED, (15,)),
        decide=party("Sammie", 15) | hide("Sam")),
    "nickname-in-a-pasted-chat": note(
        "pupil", "[21:14] Liek: kijk dan 😂😂\n[21:15] Bo: haha",
        "[21:14] {P1}: kijk dan 😂😂\n[21:15] {D}: haha",
        ("Liek", UNREGISTERED, (14,)), decide=hide("Liek")),
    "nickname-or-a-word-at-a-sentence-start": note(
        "staff", "Lieke en Sam kwamen samen; Samen met juf Els.",
        "{N} en {P1} kwamen samen; Samen met juf Els.",
        ("Sam", UNREGISTERED, (15,)), decide=hide("Sam")),
    "handle-without-at": note(
        "pupil", "Gepost door LiekevdB, gedeeld door Samiraaa; verkocht via Marktplaats.",
        "Gepost door {N}, gedeeld door {P1}; verkocht via Marktplaats.",
        ("LiekevdB", UNREGISTERED, (14,)), ("Samiraaa", UNREGISTERED, (15,)),
        decide=party("LiekevdB", 14) | hide("Samiraaa")),
    "name-spelled-out": note(
        "pupil", "In de groepsapp: L I E K E stinkt!!! en d.a.a.n ook",
        "In de groepsapp: {N} stinkt!!! en {B} ook",
        ("L I E K E", UNREGISTERED, (14,)), ("d.a.a.n", UNREGISTERED, (2,)),
        decide=party("L I E K E", 14) | party("d.a.a.n", 2)),
    "initials": note(
        "pupil", "DdV en A.v.d.B. hadden ruzie; de IB en GGD weten het.",
        "{B} en {H} hadden ruzie; de IB en GGD weten het.",
        ("DdV", UNREGISTERED, (2,)), ("A.v.d.B.", UNREGISTERED, (8,)),
        decide=party("DdV", 2) | party("A.v.d.B.", 8)),
    # -- typing slips: a letter swapped, changed, added or left out ----------------------
    "typing-slips": note(
        "pupil", "Leikes moeder belde: Daab en Roso hadden het filmpje gemaakt.",
        "{N}'s moeder belde: {B} en {M} hadden het filmpje gemaakt.",
        ("Leikes", UNREGISTERED, (14,)), ("Daab", UNREGISTERED, (2,)),
        ("Roso", UNREGISTERED, (13,)),
        decide=party("Leikes", 14) | party("Daab", 2) | party("Roso", 13)),
    "typing-slip-in-lower-case-chat": note(
        "pupil", "[21:14] leike: heb jij het filmpje van vermeulen gezien\n[21:15] bo: ja",
        "[21:14] {N}: heb jij het filmpje van {N} gezien\n[21:15] {D}: ja",
        ("leike", UNREGISTERED, (14,)), ("bo", WORD_OR_NAME, (4,)),
        decide=party("leike", 14) | party("bo", 4)),
    "typing-slip-in-a-surname": note(
        "staff", "Gesprek met meneer Vermeulan en mevrouw Okafro.",
        "Gesprek met meneer {P1} en mevrouw {oA}.",
        ("Vermeulan", UNREGISTERED, (14,)), ("Okafro", UNREGISTERED, (1, 24)),
        decide=hide("Vermeulan") | party("Okafro", 24)),
    # -- spacing, line breaks, invisible characters ---------------------------------------
    "double-space": note("staff", "Noor  Okafor en Daan de Vries kregen ruzie.",
                         "{A} en {B} kregen ruzie."),
    "line-break-in-name": note("pupil", "Gesprek met Daan\nde Vries over het filmpje.",
                               "Gesprek met {B} over het filmpje."),
    "nbsp-in-name": note("pupil", "Daan\u00a0de\u00a0Vries zat ernaast.", "{B} zat ernaast."),
    "soft-hyphen-in-name": note("pupil", "Da\u00adan had het filmpje gedeeld.",
                                "{B} had het filmpje gedeeld."),
    "zero-width-space-in-name": note("pupil", "Bericht van Daan\u200bde\u200bVries doorgestuurd.",
                                     "Bericht van {B} doorgestuurd."),
    "no-break-hyphen": note("pupil", "Anne\u2011Fleur was er niet bij.", "{H} was er niet bij."),
    # -- parents who share the pupil's surname --------------------------------------------
    "parent-full-name": note("pupil", "Ingrid de Vries belde, ze wil een gesprek.",
                             "{oB} belde, ze wil een gesprek."),
    "two-parents": note("pupil", "Peter en Ingrid de Vries kwamen samen.",
                        "{oB2} en {oB} kwamen samen."),
    "family-surname": note(
        "pupil", "Gesprek met de familie De Vries gepland.",
        "Gesprek met de familie {P1} gepland.",
        ("De Vries", AMBIGUOUS, (2, 20, 21)), decide=hide("De Vries")),
    "mevrouw-surname": note(
        "staff", "Mevrouw De Vries vroeg of Daan van school moet.",
        "Mevrouw {oB} vroeg of {B} van school moet.",
        ("De Vries", AMBIGUOUS, (2, 20, 21)), decide=party("De Vries", 20)),
    "own-parent-named": note("pupil", "Grace Okafor en Karin Smit kwamen allebei.",
                             "Grace Okafor en {c1} kwamen allebei."),
    "own-parent-hidden-in-staff-file": note("staff", "Grace Okafor en Karin Smit kwamen allebei.",
                                            "{oA} en {c1} kwamen allebei."),
    # -- two pupils called Noor -------------------------------------------------------------
    "first-name-and-initial": note("pupil", "Noor B. en Noor O. zaten naast elkaar.",
                                   "{C}. en Noor O. zaten naast elkaar."),
    "first-name-and-initial-staff": note("staff", "Noor B. en Noor O. zaten naast elkaar.",
                                         "{C}. en {A}. zaten naast elkaar."),
    "first-name-and-initial-with-particle": note("pupil", "Daan de V. was er ook bij.",
                                                 "{B}. was er ook bij."),
    "first-name-and-initial-as-chat-handle": note("pupil", "[16:03] Noor B: hahaha 😂",
                                                  "[16:03] {C}: hahaha 😂"),
    "shared-first-name": note(
        "pupil", "Noor zei dat Noor Bakker begon.", "Noor zei dat {C} begon.",
        ("Noor", AMBIGUOUS, (1, 3)), decide=party("Noor", 1)),
    "shared-surname-staff": note(
        "staff", "Mevrouw Okafor belde terug.", "Mevrouw {oA} belde terug.",
        ("Okafor", AMBIGUOUS, (1, 24)), decide=party("Okafor", 24)),
    # -- short names ------------------------------------------------------------------------
    "short-names": note("pupil", "Bo en Jo speelden samen in de pauze.",
                        "{D} en {E} speelden samen in de pauze."),
    "short-names-quote": note("pupil", 'Bo zei tegen Jo: "ik haat je".',
                              '{D} zei tegen {E}: "ik haat je".'),
    "abbreviation-like-name": note(
        "pupil", "In het BO is dat anders, zei Bob.", "In het BO is dat anders, zei {I}.",
        ("BO", WORD_OR_NAME, (4,)), decide=keep("BO")),
    "interjection-like-name": note(
        "pupil", "jo, doe normaal, schreef Jo.", "jo, doe normaal, schreef {E}.",
        ("jo", WORD_OR_NAME, (5,)), decide=keep("jo")),
    # -- ı/i, ł/l ---------------------------------------------------------------------------
    "dotless-i-typed-as-i": note("pupil", "Emre Yilmaz en zijn moeder Fatma Yilmaz kwamen.",
                                 "{G} en zijn moeder {oG} kwamen."),
    "l-stroke-typed-as-l": note("pupil", "Lukasz en Łukasz Nowak zijn dezelfde jongen.",
                                "{K} en {K} zijn dezelfde jongen."),
    "dotless-i-parent": note("staff", "Kemal Aydin belde over Elif.", "{oL} belde over {L}."),
    # -- double first names, tussenvoegsels --------------------------------------------------
    "double-first-name": note("pupil", "AnneFleur en Anne Fleur bedoelen allebei Anne-Fleur.",
                              "{H} en {H} bedoelen allebei {H}."),
    "particle-abbreviated": note(
        "pupil", "Anne-Fleur v.d. Broek en A. van den Broek staan op de lijst.",
        "{H} en {H} staan op de lijst."),
    "surname-with-particle": note("pupil", "Van den Broek zat achterin.", "{H} zat achterin."),
    "surname-lower-particle": note("pupil", "Ik heb van den Broek en Nowak apart gezet.",
                                   "Ik heb {H} en {K} apart gezet."),
    "surname-shared-by-father": note(
        "pupil", "meneer Aydın belde over zijn dochter.",
        "meneer {oL} belde over zijn dochter.",
        ("Aydın", AMBIGUOUS, (12, 23)), decide=party("Aydın", 23)),
    "surname-that-is-a-word": note(
        "pupil", "zijn broek was nat en hij schaamde zich.",
        "zijn broek was nat en hij schaamde zich.",
        ("broek", WORD_OR_NAME, (8,)), decide=keep("broek")),
    # -- initials -----------------------------------------------------------------------------
    "initial-and-surname": note("pupil", "D. de Vries heeft het filmpje gemaakt.",
                                "{B} heeft het filmpje gemaakt."),
    "initial-dotless-i": note("staff", "Volgens E. Yılmaz klopt het niet.",
                              "Volgens {G} klopt het niet."),
    # -- handles, hashtags, e-mail addresses, links -----------------------------------------
    "handle": note("pupil", "Account @daan_devries plaatste het.",
                   "Account @{B} plaatste het."),
    "hashtag": note("pupil", "Iedereen zette #DaanDeVries erbij.", "Iedereen zette #{B} erbij."),
    "email": note("pupil", "Mail van daan.devries@hotmail.com ontvangen.",
                  "Mail van {B} ontvangen."),
    "profile-link": note("pupil", "Zie instagram.com/daan.de.vries voor de foto.",
                         "Zie instagram.com/{B} voor de foto."),
    "email-with-more-than-a-name": note(
        "pupil", "Mail van daan.devries2012@hotmail.com doorgestuurd.",
        "Mail van {B} doorgestuurd.",
        ("daan.devries2012@hotmail.com", HANDLE, (2,)),
        decide=party("daan.devries2012@hotmail.com", 2)),
    "hashtag-glued": note(
        "pupil", "Ze maakten #JusticeForDaan trending.", "Ze maakten {P1} trending.",
        ("#JusticeForDaan", HANDLE, (2,)), decide=hide("#JusticeForDaan")),
    "handle-two-pupils": note(
        "staff", "Het account @daan_en_bo is verwijderd.", "Het account {P1} is verwijderd.",
        ("@daan_en_bo", HANDLE, (2, 4)), decide=hide("@daan_en_bo")),
    "unregistered-handle-in-link": note(
        "pupil", "tiktok.com/@sem_123 stuurde het door.", "tiktok.com/{P1} stuurde het door.",
        ("@sem_123", HANDLE, ()), decide=hide("@sem_123")),
    "named-staff-email": note("pupil", "Juf Els mailde vanaf els.verbeek@obsderegenboog.nl.",
                              "Juf Els mailde vanaf els.verbeek@obsderegenboog.nl."),
    # -- pasted WhatsApp chats --------------------------------------------------------------
    "whatsapp": note(
        "pupil", "[12-03 21:14] Sem: heb je gezien wat Daan deed\n[12-03 21:15] Daan: haha ja",
        "[12-03 21:14] {P1}: heb je gezien wat {B} deed\n[12-03 21:15] {B}: haha ja",
        ("Sem", UNREGISTERED, ()), decide=hide("Sem")),
    "whatsapp-unregistered-namesake": note(
        "pupil", "[12-03 21:16] Lotte van der Berg: ja echt erg 😂",
        "[12-03 21:16] {P1}: ja echt erg 😂",
        ("Lotte van der Berg", UNREGISTERED, (32,)), decide=hide("Lotte van der Berg")),
    "whatsapp-sender-that-is-a-word": note(
        "pupil", "[12-03 21:20] Roos: ik ben er klaar mee", "[12-03 21:20] {M}: ik ben er klaar mee",
        ("ben", WORD_OR_NAME, (6,)), decide=keep("ben")),
    "whatsapp-emoji": note("staff", "[13-03 07:02] Emre: Noor B. is een loser 🤡🤡",
                           "[13-03 07:02] {G}: {C}. is een loser 🤡🤡"),
    "whatsapp-nickname": note("pupil", "[12-03 22:40] ~Bobbetje🐻: stop nou",
                              "[12-03 22:40] ~{I}🐻: stop nou"),
    # -- Arabic script and transliterations ----------------------------------------------------
    "arabic-script": note(
        "pupil", "محمد العلي stuurde een spraakbericht.", "{J} stuurde een spraakbericht.",
        ("محمد العلي", UNREGISTERED, ()), decide=party("محمد العلي", 10)),
    "transliteration-registered": note("pupil", "Mohammed al-Ali en Mohammed Al Ali zijn dezelfde.",
                                       "{J} en {J} zijn dezelfde."),
    "transliteration-variants": note(
        "pupil", "Mohamed en Muhammad werden genoemd.", "{J} en {P1} werden genoemd.",
        ("Mohamed", UNREGISTERED, (10,)), ("Muhammad", UNREGISTERED, (10,)),
        decide={**party("Mohamed", 10), **hide("Muhammad")}),
    "variant-with-surname": note(
        "staff", "Fatima Yilmaz belde namens Emre.", "{oG} belde namens {G}.",
        ("Fatima Yilmaz", UNREGISTERED, (7, 22)), decide=party("Fatima Yilmaz", 22)),
    "cyrillic-script": note(
        "pupil", "Дарья uit groep 6 stuurde het.", "{P1} uit groep 6 stuurde het.",
        ("Дарья", UNREGISTERED, ()), decide=hide("Дарья")),
    # -- emoji --------------------------------------------------------------------------------
    "emoji-after-name": note("pupil", "Daan😡 zei dat hij het niet was 🙄",
                             "{B}😡 zei dat hij het niet was 🙄"),
    "emoji-around-name": note("pupil", "❤️Roos❤️ stond in haar story",
                              "❤️{M}❤️ stond in haar story"),
    # -- words that are also names ------------------------------------------------------------
    "word-ben": note("pupil", "ik ben boos, zei ze.", "ik ben boos, zei ze.",
                     ("ben", WORD_OR_NAME, (6,)), decide=keep("ben")),
    "name-ben-at-start": note("pupil", "Ben was boos op Bo.", "{F} was boos op {D}.",
                              ("Ben", WORD_OR_NAME, (6,)), decide=party("Ben", 6)),
    "name-ben-mid-sentence": note("pupil", "Gisteren was Ben boos op Bo.",
                                  "Gisteren was {F} boos op {D}."),
    "name-roos-at-start": note("staff", "Roos is boos op Bo.", "{M} is boos op {D}.",
                               ("Roos", WORD_OR_NAME, (13,)), decide=party("Roos", 13)),
    "word-roos": note("pupil", "Ze kreeg een roos van Daan.", "Ze kreeg een roos van {B}.",
                      ("roos", WORD_OR_NAME, (13,)), decide=keep("roos")),
    "shouted": note("pupil", "IK BEN ER KLAAR MEE, schreef DAAN",
                    "IK BEN ER KLAAR MEE, schreef {B}",
                    ("BEN", WORD_OR_NAME, (6,)), decide=keep("BEN")),
    # -- names made of parts of registered names -------------------------------------------------
    "first-and-surname-of-two-people": note(
        "pupil", "Daan Smit uit groep 8 deed ook mee.", "{P1} uit groep 8 deed ook mee.",
        ("Daan Smit", UNREGISTERED, (2, 25)), decide=hide("Daan Smit")),
    "unregistered-sibling": note(
        "pupil", "Sem de Vries is de broer van Daan.", "{P1} is de broer van {B}.",
        ("Sem de Vries", UNREGISTERED, (2, 20, 21)), decide=hide("Sem de Vries")),
    "unregistered-cousin": note(
        "pupil", "Tess Bakker en Noor Bakker zijn nichtjes.", "{P1} en {C} zijn nichtjes.",
        ("Tess Bakker", UNREGISTERED, (3,)), decide=hide("Tess Bakker")),
    "numbered-in-reading-order": note(
        "pupil", "Sem en Tess Bakker lachten om Noor.", "{P1} en {P2} lachten om {P3}.",
        ("Sem", UNREGISTERED, ()), ("Tess Bakker", UNREGISTERED, (3,)),
        ("Noor", AMBIGUOUS, (1, 3)), decide=hide("Noor", "Tess Bakker", "Sem")),
    # -- staff and subject stay named ------------------------------------------------------------
    "staff-file-subject-and-staff": note(
        "staff", "Els Verbeek sprak met Lotte Dekker en mevrouw Bos van de GGD.",
        "Els Verbeek sprak met Lotte Dekker en mevrouw Bos van de GGD."),
    "staff-file-pupil": note("staff", "Daan zei dat juf Els hem had uitgescholden.",
                             "{B} zei dat juf Els hem had uitgescholden."),
    # -- must not flag ---------------------------------------------------------------------------
    "titles-weekday-month-school-app": note(
        "pupil", "Op maandag 3 maart sprak Juf Els met groep 7 van De Regenboog via WhatsApp.",
        "Op maandag 3 maart sprak Juf Els met groep 7 van De Regenboog via WhatsApp."),
    "foundation-and-school": note(
        "staff", "Klasse stuurt in november het protocol naar de directeur van OBS De Regenboog.",
        "Klasse stuurt in november het protocol naar de directeur van OBS De Regenboog."),
    "weekdays-and-months": note(
        "pupil", "Woensdag en vrijdag gymles; in januari en februari schaatsen met groep 7.",
        "Woensdag en vrijdag gymles; in januari en februari schaatsen met groep 7."),
    "organisations": note(
        "staff", "Stichting Klasse heeft de IB'er, de GGD en Veilig Thuis ingelicht.",
        "Stichting Klasse heeft de IB'er, de GGD en Veilig Thuis ingelicht."),
    "apps-and-groups": note(
        "pupil", 'De groepsapp van groep 8 heet "Groep 8 chillen" en staat op WhatsApp en TikTok.',
        'De groepsapp van groep 8 heet "Groep 8 chillen" en staat op WhatsApp en TikTok.'),
    "named-staff-titles": note("pupil", "Meester Mark en juf Lotte hebben de ouders gebeld.",
                               "Meester Mark en juf Lotte hebben de ouders gebeld."),
    # -- without deduce: registered names, variants and other scripts are still caught ------------
    "no-finder-variant": note("pupil", "Mohamed zei het tegen Bo.", "{J} zei het tegen {D}.",
                              ("Mohamed", UNREGISTERED, (10,)), decide=party("Mohamed", 10),
                              finder=False),
    "no-finder-arabic": note("pupil", "Bericht van محمد العلي aan Bo.", "Bericht van {P1} aan {D}.",
                             ("محمد العلي", UNREGISTERED, ()), decide=hide("محمد العلي"),
                             finder=False),
    "no-finder-compound": note("pupil", "Daan Smit deed ook mee.", "{P1} deed ook mee.",
                               ("Daan Smit", UNREGISTERED, (2, 25)), decide=hide("Daan Smit"),
                               finder=False),
}  # fmt: skip


@pytest.fixture(scope="module")
def finder() -> NameFinder:
    return deduce_finder(ignore=[SCHOOL])


def redactor(case: Note, finder: NameFinder, decisions: bool) -> Redactor:
    subject, file_type = SUBJECT[case.file]
    chosen = case.decisions if decisions else None
    return Redactor(CAST, subject, file_type, chosen, finder if case.finder else None)


@pytest.mark.parametrize("case", CORPUS.values(), ids=CORPUS.keys())
def test_corpus_note(case: Note, finder: NameFinder) -> None:
    undecided = redactor(case, finder, decisions=False)
    flags = undecided.scan(case.text, "Notitie 1")
    assert [(f.text, f.reason, f.candidates) for f in flags] == list(case.flags)
    assert all(f.where == "Notitie 1" for f in flags)
    if case.flags:
        with pytest.raises(ReviewNeeded):
            undecided.apply(case.text, "Notitie 1")
    printed = redactor(case, finder, decisions=True).apply(case.text, "Notitie 1")
    assert printed == case.printed.format(**labels())


def test_corpus_is_large_and_covers_both_files() -> None:
    assert len(CORPUS) >= 60
    assert {case.file for case in CORPUS.values()} == {"pupil", "staff"}
    assert sum(not case.flags and case.printed == case.text for case in CORPUS.values()) >= 6


def test_labels_follow_the_language(english: None, finder: NameFinder) -> None:
    pupil_file = Redactor(CAST, 1, "leerlingendossier", finder=finder)
    printed = pupil_file.apply("Daans moeder Ingrid de Vries belde.", "Notitie 1")
    assert printed == "Pupil B's moeder Parent of Pupil B belde."


def test_a_decided_compound_is_kept_when_read_back(finder: NameFinder) -> None:
    """A kept "Daan Smit" must not look like Daan's name in the finished PDF."""
    decided = Redactor(CAST, 1, "leerlingendossier", keep("Daan Smit"), finder)
    assert decided.apply("Daan Smit deed mee, Daan niet.") == (
        "Daan Smit deed mee, {B} niet.".format(**labels())
    )
    read_back = decided.spans_of("Daan Smit deed mee, Leerling B niet.")
    assert [(s.replacement, s.flag) for s in read_back] == [(None, None)]
    undecided = Redactor(CAST, 1, "leerlingendossier", None, finder)
    assert [s.replacement for s in undecided.spans_of("Daan niet.")] == [labels()["B"]]
