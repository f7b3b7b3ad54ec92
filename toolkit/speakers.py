"""Speakers: who a speaker phrase names, what kind of actor it is, and who a pronoun or a
role stands for.

The vocabulary is data (``toolkit/inventories/``): the reporting verbs with their stance
(``speech-verbs.yaml``) and the source types with the words that identify them
(``actors.yaml``). :mod:`toolkit.quotes` and :mod:`toolkit.reported` find attributions;
this module judges and resolves their speakers (METHODS.md section 7).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from toolkit.errors import LexiconError
from toolkit.text import normalise
from toolkit.wordlists import inventory_lists, line_of, load_inventory, node_at


def _speech_verbs() -> tuple[dict[str, str], dict[str, str]]:
    """The reporting-verb inventory (``inventories/speech-verbs.yaml``): form -> lemma, and
    lemma -> class. Malformed entries are a LexiconError naming the line."""
    data, root, where = load_inventory("speech-verbs")
    forms: dict[str, str] = {}
    classes: dict[str, str] = {}
    for lemma, entry in (data.get("verbs") or {}).items():
        line = line_of(node_at(root, "verbs", str(lemma)))
        if (
            not isinstance(entry, list)
            or len(entry) < 2
            or entry[0] not in STANCES
            or not all(isinstance(f, str) for f in entry)
        ):
            raise LexiconError(
                f"{where}, line {line}: verb {lemma!r} needs [class, form, ...] with a class "
                f"of {', '.join(STANCES)}"
            )
        classes[str(lemma)] = entry[0]
        forms.update(dict.fromkeys(entry[1:], str(lemma)))
    return forms, classes


#: The classes of reporting verbs: neutral reporting, distancing (casts doubt on the claim),
#: endorsing (presents it as fact), after Recasens et al. (2013) and METHODS.md section 7,
#: belief (a thought attributed, not speech), position (a stance taken: endorsed,
#: opposed, declined to) and evidential (the writer's inference: seems to, is expected to).
STANCES = ("neutral", "distancing", "endorsing", "belief", "position", "evidential")

#: Reporting verbs in their inflected forms -> lemma, and lemma -> class
#: (``inventories/speech-verbs.yaml``: say, tell, warn, insist, claim, confirm, believe, ...).
SPEECH_VERBS, VERB_CLASSES = _speech_verbs()

#: Speaker phrases that hide who speaks.
ANONYMOUS_SOURCES = re.compile(
    r"^(?:an?|the|some|several|two|three)?\s*(?:unnamed|anonymous|informed|local|military|"
    r"security|diplomatic|government|official|senior|western|opposition)?\s*"
    r"(?:source|sources|official|officials|activist|activists|observer|observers|"
    r"insider|insiders)\b",
    re.IGNORECASE,
)


#: Source types (METHODS.md section 7), in the order they are tried, and the words that
#: give a speaker each (``inventories/actors.yaml``: military, monitors, UN/NGO,
#: opposition, state media, government, media, expert, witness), matched
#: case-insensitively as whole words against the resolved speaker; the first type that
#: matches wins, a speaker matching none is unknown. Replace with ``source_types=``.
DEFAULT_SOURCE_TYPES: dict[str, tuple[str, ...]] = inventory_lists("actors", "types")


_WORDS = {
    key: frozenset(w.lower() for w in words)
    for key, words in inventory_lists(
        "speakers",
        keys=(
            "speaker_non_name",
            "nationalities",
            "role_words",
            "person_roles",
            "organisation_words",
        ),
    ).items()
}
_SPEAKER_NON_NAME = _WORDS["speaker_non_name"]
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


def is_speaker(phrase: str) -> bool:
    words = [w.strip(",.;:") for w in phrase.split()]
    words = [w for w in words if w]
    if not words or len(words) > 8:
        return False
    first = words[0].lower()
    if len(words) == 1 and first in PRONOUNS:
        return True
    if first in {
        "which",
        "that",
        "what",
        "who",
        "this",
        "there",
        "when",
        "where",
        "as",
        "and",
        "but",
        "if",
        "to",
        "in",
        "on",
        "at",
        "by",
        "from",
        "with",
        "was",
        "were",
        "been",
        "have",
        "has",
        "had",
        "is",
        "are",
    }:
        return False
    if words[-1].lower() in _FUNCTION_WORDS:
        return False  # a noun phrase does not end in "a" or "at" ("an analyst at a think")
    content = [w for w in words if w.lower() not in {"the", "a", "an", "of", "for", "and"}]
    if not content or all(
        _MODIFIER.search(w.lower()) or w.lower() in _NATIONALITIES for w in content
    ):
        return False  # "Syrian", "the Britain-based": an adjective, not who speaks
    capitalised = sum(_name_like(w) for w in content)
    role = any(w.lower().strip("'s’") in ROLE_WORDS or w.lower() in ROLE_WORDS for w in content)
    return capitalised == len(content) or role


_FUNCTION_WORDS = frozenset("a an the at of in on for to by with from and or".split())

_NATIONALITIES = _WORDS["nationalities"]

#: Words that make a phrase a speaker by its role ("the ministry", "residents"):
#: ``inventories/speakers.yaml``.
ROLE_WORDS = _WORDS["role_words"]


#: Role words of a person (not of an organisation): "the minister" can be the person named
#: just before; "the ministry" cannot.
_PERSON_ROLES = _WORDS["person_roles"]

_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "at",
        "de",
        "di",
        "da",
        "van",
        "von",
        "der",
        "bin",
        "ibn",
        "abu",
        "bint",
        "la",
        "le",
    }
)


def _name_like(word: str) -> bool:
    """A capitalised word or a name particle ("al-Assad", "de Mistura", "bin")."""
    bare = word.strip(",.")
    if bare[:1].isupper():
        return True
    head, _, rest = bare.partition("-")
    return bare.lower() in _PARTICLES or (head.lower() in _PARTICLES and rest[:1].isupper())


def name_of(speaker: str) -> str | None:
    """The person or organisation name inside a speaker phrase, or None for a role."""
    words = speaker.replace("’", "'").split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return None
    run: list[str] = []
    first = len(words)  # the position where the run starts
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        bare = word.lower().rstrip(",.")
        if _MODIFIER.search(bare):  # "Britain-based", "US-backed": a modifier, no name
            if run:
                break
            continue
        if _name_like(word) and bare not in _SPEAKER_NON_NAME and bare not in ROLE_WORDS:
            run.insert(0, word.rstrip(",."))
            first = i
        elif run:
            break
    while run and run[0].lower() in _PARTICLES:  # "de" cannot open a name
        run.pop(0)
        first += 1
    # a run after a preposition is a place or an employer, not who speaks ("a source at
    # Aleppo Police Command", "an AFP correspondent in east Aleppo")
    if run and first > 0 and words[first - 1].lower() in _PREPOSITIONS:
        return None
    return " ".join(run) if run else None


_PREPOSITIONS = frozenset("at in near of from for on to inside outside".split())


#: Words that modify a name and never are one: "Britain-based", "US-backed", "Kurdish-led".
_MODIFIER = re.compile(
    r"-(?:based|backed|led|run|linked|affiliated|allied|held|controlled|owned|funded|"
    r"supported|born|born|aligned)$"
)


def role_of(speaker: str) -> set[str]:
    return {w.lower().replace("’", "'").removesuffix("'s") for w in speaker.split()} & ROLE_WORDS


#: Words that make a capitalised run an organisation's name ("Syrian Observatory for Human
#: Rights", "Ministry of Defence").
_ORGANISATION_WORDS = _WORDS["organisation_words"]
_JOINERS = frozenset({"of", "for", "the", "and", "on", "in"})
_ORGANISATION_NAME = re.compile(
    r"^(?:[Tt]he\s+)?(?P<name>[A-Z][\w'’.\-]*(?:\s+(?:of|for|the|and|on|in|[A-Z][\w'’.\-]*))*)$"
)
#: "the Syrian Observatory for Human Rights (SOHR)": a name and its abbreviation.
_DEFINED = re.compile(
    r"(?P<name>[A-Z][\w'’\-]*(?:\s+(?:of|for|the|and|on|in|[A-Z][\w'’\-]*)){1,9})\s+"
    r"\((?P<abbr>[A-Z][A-Za-z]{1,7})\)"
)


def organisation_name(speaker: str) -> str | None:
    """The organisation a speaker phrase names, whole, or None: a capitalised run with
    "of", "for", "the", "and" inside it and a word such as Observatory, Ministry, Forces.

    Examples
    --------
    >>> organisation_name("the Syrian Observatory for Human Rights")
    'Syrian Observatory for Human Rights'
    >>> organisation_name("Defense Ministry spokesman Igor Konashenkov") is None
    True
    """
    m = _ORGANISATION_NAME.match(speaker.strip().rstrip(",."))
    if m is None:
        return None
    words = m["name"].split()
    if words[-1].lower() in _JOINERS:
        return None
    if not {w.lower().strip("'’s") for w in words} & _ORGANISATION_WORDS:
        return None
    return m["name"]


def initials(name: str) -> str:
    """The capital initials of a name, joiners left out ("Syrian Observatory for Human
    Rights" -> "SOHR")."""
    return "".join(
        w[0].upper() for w in name.split() if w.lower() not in _JOINERS and w[:1].isalpha()
    )


def abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a text defines, to the names they stand for: "the Syrian
    Observatory for Human Rights (SOHR)" gives ``{"SOHR": "Syrian Observatory for Human
    Rights"}``. The abbreviation's letters must be the name's initials, in order (a
    leading "the" or lower-case word of the run is dropped).

    Examples
    --------
    >>> abbreviations("the Syrian Democratic Forces (SDF) said. The SDF advanced.")
    {'SDF': 'Syrian Democratic Forces'}
    """
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        words = m["name"].split()
        abbr = m["abbr"].upper()
        # the shortest tail of the run whose initials are the abbreviation
        for k in range(len(words) - 1, -1, -1):
            tail = " ".join(words[k:])
            if words[k].lower() in _JOINERS:
                continue
            if initials(tail) == abbr:
                out.setdefault(m["abbr"], tail)
                break
    return out


def _is_organisation(name: str) -> bool:
    return bool({w.lower().strip("'’s") for w in name.split()} & _ORGANISATION_WORDS) or (
        name.isupper() and len(name) > 1
    )


#: How many paragraphs back a pronoun or a person's role may find its speaker: news
#: paragraphs are a sentence or two, and a quote's "he said" often comes two or three
#: short paragraphs after the name.
_PARAGRAPHS_BACK = 3


def resolve_speakers(
    found: Sequence[tuple[int, str | None]], text: str | None = None
) -> list[str | None]:
    """Who each speaker phrase stands for, given ``(start, speaker as written)`` pairs.

    * A name is itself, or the full name given earlier with the same last word ("Lavrov"
      -> "Sergei Lavrov"). An organisation's name is whole ("Syrian Observatory for Human
      Rights"); its abbreviation is the name, when the text defines it ("... (SOHR)") or
      when an earlier name has those initials; a modifier is no name ("Britain-based").
    * A pronoun is the previous speaker when that speaker was named in the same paragraph
      or one of the three before it (``text`` gives the paragraphs) and fits it: "he" and
      "she" a person, "it" an organisation, "they" either; or the only name so far.
    * A role is the last name introduced with that role word ("the spokesman", "the
      Observatory"); a person's role ("the minister") is also the previous person named in
      the same paragraph or one of the three before it.
    * Otherwise None.

    Examples
    --------
    >>> resolve_speakers([(0, "Foreign Minister Sergei Lavrov"), (50, "he"),
    ...                   (90, "Lavrov"), (130, "the minister")])
    ['Sergei Lavrov', 'Sergei Lavrov', 'Sergei Lavrov', 'Sergei Lavrov']
    >>> text = "The Syrian Observatory for Human Rights (SOHR) said 9 died. Britain-based SOHR said"
    >>> resolve_speakers([(0, "The Syrian Observatory for Human Rights"),
    ...                   (60, "Britain-based SOHR")], text)
    ['Syrian Observatory for Human Rights', 'Syrian Observatory for Human Rights']
    """
    aliases = abbreviations(text) if text else {}
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)] if text else []
    resolved: list[str | None] = []
    named: list[tuple[str, set[str], int]] = []  # (name, role words, paragraph)
    previous: tuple[str, int] | None = None  # the last resolved speaker and its paragraph
    previous_phrase: str | None = None  # the last speaker as written, named or not
    for start, speaker in sorted(found, key=lambda q: q[0]):
        paragraph = bisect.bisect_right(breaks, start)
        near = previous is not None and previous[1] >= paragraph - _PARAGRAPHS_BACK
        result: str | None = None
        if speaker:
            name = organisation_name(speaker) or name_of(speaker)
            low = speaker.lower()
            if name:
                name = aliases.get(name, name)
                full = next(
                    (
                        n
                        for n, _, _ in reversed(named)
                        if n != name
                        and (
                            n.split()[-1] == name.split()[-1]
                            or (name.isupper() and len(name) > 1 and initials(n) == name)
                        )
                    ),
                    name,
                )
                result = full
                named.append((full, role_of(speaker) | role_of(full), paragraph))
            elif low in {"he", "she", "they", "it"}:
                person = low in {"he", "she"}
                fits = previous is not None and (
                    low == "they" or _is_organisation(previous[0]) != person
                )
                distinct = {n for n, _, _ in named}
                if previous is not None and near and fits and previous[0] in distinct:
                    result = previous[0]
                elif low != "it" and len(distinct) == 1:
                    only = next(iter(distinct))
                    result = only if low == "they" or not _is_organisation(only) else None
                elif low == "it" and previous is None and previous_phrase is not None:
                    result = previous_phrase  # an unnamed organisation spoke before
            else:
                roles = role_of(speaker)
                match = [n for n, r, _ in reversed(named) if roles & r]
                result = match[0] if match else None
                if result is None and low.startswith("the ") and roles & _PERSON_ROLES:
                    # "the minister" after "Lavrov said ...": the last person named
                    if previous is not None and near and not _is_organisation(previous[0]):
                        result = previous[0]
        resolved.append(result)
        if result is not None:
            previous = (result, paragraph)
        if speaker and speaker.lower() not in PRONOUNS:
            previous_phrase = speaker
    order = sorted(range(len(found)), key=lambda i: found[i][0])
    out: list[str | None] = [None] * len(found)
    for rank, i in enumerate(order):
        out[i] = resolved[rank]
    return out


def source_type(speaker: str | None, types: Mapping[str, Sequence[str]]) -> str | None:
    if not speaker:
        return None
    low = f" {normalise(speaker).lower()} "
    for name, regex in _type_regexes(tuple((k, tuple(v)) for k, v in types.items())):
        if regex is not None and regex.search(low):
            return name
    return None


@lru_cache(maxsize=16)
def _type_regexes(
    types: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[str, re.Pattern[str] | None]]:
    """One regex per source type: any of its words, as a whole word."""
    out: list[tuple[str, re.Pattern[str] | None]] = []
    for name, words in types:
        alternatives = "|".join(re.escape(w.lower()) for w in words)
        out.append((name, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if words else None))
    return out
