"""Source phrases: the noun phrase that says who speaks, found without a parser.

The words of a phrase are told apart by their most frequent part of speech in Brill's
lexicon, as TextBlob ships it (Brill 1992): nouns, adjectives, numbers, determiners and
names belong to a phrase; verbs, conjunctions and most prepositions end it. Used by
:mod:`toolkit.reported` to find the source before (or after) a reporting verb.
"""

from __future__ import annotations

import re
from functools import lru_cache

from toolkit.speakers import PRONOUNS, ROLE_WORDS, is_speaker

__all__ = [
    "AUXILIARIES",
    "BE",
    "BETWEEN",
    "COLLECTIVE",
    "DETERMINERS",
    "LEADING",
    "NP_INSIDE",
    "NP_PREPOSITIONS",
    "NP_TAGS",
    "NP_WORDS",
    "ONLY_TIME",
    "PLACE_PREPOSITIONS",
    "POLLED",
    "POLL_HEADS",
    "QUANTIFIERS",
    "TRAILING_TIME",
    "WORD",
    "agrees",
    "brill_tags",
    "head_word",
    "is_apposition",
    "is_source_phrase",
    "np_word",
    "opening_subject",
    "subject_before",
]

#: Words between the source and the cue: auxiliaries, negation, adverbs.
BETWEEN = re.compile(
    r"(?:(?<=\s)|^)(?:(?:has|had|have|is|was|are|were|be|been|will|would|could|can|may|"
    r"might|must|should|shall|did|does|do|not|n't|never|also|repeatedly|earlier|later|"
    r"previously|again|then|reportedly|publicly|privately|often|once|recently|still|"
    r"already|even|now|just|only|long|first|quickly|flatly|openly|strongly|"
    r"[a-z]+ly)\s+)+$"
)
BE = frozenset("is was are were be been being".split())
AUXILIARIES = frozenset("will would could can may might must should shall did does do".split())

ONLY_TIME = re.compile(
    r"(?:(?:on|last|this|next|early|late|earlier|later)\s+)?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|evening|afternoon|"
    r"weekend|today|yesterday|tonight)\W*$"
)

#: Nouns that take a plural verb ("police say").
COLLECTIVE = frozenset("police people staff personnel media public clergy military".split())

LEADING = re.compile(
    r"^(?:(?:On|In|At|But|And|Or|So|Yet|Still|Now|Meanwhile|However|Also|Later|Earlier|Then|"
    r"Since|After|Before|Last|This|Next|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|\d{1,2},?)\s+)+"
)
QUANTIFIERS = frozenset(
    """
    nearly almost about only just roughly some many most several few all both each
    those these half third quarter percent % majority minority one two three four five
    six seven eight nine ten dozens hundreds thousands
    """.split()
)
#: Tags of words a subject noun phrase holds (Penn Treebank, as in Brill's lexicon).
NP_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS CD DT PDT PRP$ POS VBN VBG FW".split())
#: Prepositions a subject noun phrase may hold ("a spokesman for the ministry").
NP_PREPOSITIONS = frozenset("of for at from in with on to by".split())
#: Words that are not nouns but stand inside a source ("sources close to the campaign").
NP_INSIDE = frozenset({"close", "closest", "near"})
TRAILING_TIME = re.compile(
    r"\s+(?:on|in|at|last|this|early|late|earlier)\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|night|morning|evening|[A-Z][a-z]+\.?\s+\d{1,2})$"
)
NP_WORDS = 10
#: Prepositions whose object is no subject ("At the beginning of February Konashenkov
#: said"); not "as", "because", "that", which open clauses.
PLACE_PREPOSITIONS = frozenset(
    """
    in on at from with by for of to into near after before during since under over against
    about across through among between within without despite amid
    """.split()
)
WORD = re.compile(r"\S+")
DETERMINERS = frozenset("a an the this that these those his her its their our my".split())
#: "those surveyed say", "voters polled said"
POLLED = frozenset({"surveyed", "polled", "asked", "questioned", "interviewed"})
POLL_HEADS = frozenset({"those", "people", "voters", "respondents", "adults", "americans"})


@lru_cache(maxsize=1)
def brill_tags() -> dict[str, str]:
    """Brill's lexicon of the most frequent tag of a word, as TextBlob ships it."""
    from textblob.en import lexicon

    lexicon.get("the")  # loaded lazily
    return dict(dict.items(lexicon))


def np_word(word: str, head: bool) -> bool:
    """Whether ``word`` can stand in a subject noun phrase (``head``: as its last word)."""
    bare = word.strip("()").rstrip(",")
    low = bare.lower().replace("’", "'")
    if not bare:
        return False
    if low in PRONOUNS or low == "you":
        return head
    if low in QUANTIFIERS or low.endswith(("'s", "s'")) or bare[:1].isdigit():
        return True
    tag = brill_tags().get(low) or brill_tags().get(bare)
    if bare[:1].isupper():
        # a name, unless a function word that opens the sentence ("But", "When")
        return (
            tag is None
            or tag in NP_TAGS
            or (
                tag in {"MD", "VB", "VBP", "RB", "UH"}
                and (
                    low not in {"but", "and", "or", "so", "yet", "when", "if", "as", "then", "now"}
                )
            )
        )
    if low in ROLE_WORDS:
        return True
    if tag is None:
        return bare.isalpha()
    if tag == "VBN" or tag == "VBG":
        return not head  # "elected officials", "leading experts"; not a head
    return tag in NP_TAGS


def subject_before(sentence: str, end: int) -> tuple[int, str] | None:
    """The noun phrase that ends at ``end``: its start and text, or None."""
    # ten words back are enough: the window keeps long sentences cheap
    words = list(WORD.finditer(sentence, max(0, end - 400), end))
    start = None
    taken = 0
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group()
        if (taken and w.endswith((",", ";", ":"))) or w[-1:] in '"“”' or taken >= NP_WORDS:
            break
        low = w.lower()
        if low == "think" and taken and words[i + 1].group().lower().startswith("tank"):
            start = words[i].start()  # "an analyst at a think tank"
            taken += 1
            continue
        if (
            low == "and"
            and taken
            and i > 0
            and words[i + 1].group()[:1].isupper()
            and words[i - 1].group()[:1].isupper()
        ):
            start = words[i].start()  # "Jeb Bush and Chris Christie say"
            taken += 1
            continue
        if taken and (low in NP_PREPOSITIONS or low in NP_INSIDE) and i > 0:
            start = words[i].start()  # inside the phrase; not its first word
            taken += 1
            continue
        if not np_word(w, head=taken == 0) and not (
            taken == 0 and low in POLLED and i and words[i - 1].group().lower() in POLL_HEADS
        ):
            break
        if (
            taken
            and brill_tags().get(low) in {"VBN", "VBD", "VBG"}
            and words[i + 1].group().lower() in DETERMINERS
        ):
            break  # "the coalition launched an operation called": a verb and its object
        start = words[i].start()
        taken += 1
        if taken == 1 and low.strip(",") in PRONOUNS | {"you"}:
            break
    if start is None:
        return None
    phrase = sentence[start:end].strip()
    # a phrase opening with a preposition is a place or a time ("in Iowa"), not its subject
    first = phrase.split()[0].lower()
    if first in NP_PREPOSITIONS:
        return None
    before = sentence[:start].split()[-1:]
    following = sentence[end:].split()[:1]
    participle = bool(following) and following[0].endswith("ing")
    if (
        before
        and before[0].lower() in PLACE_PREPOSITIONS
        and not participle  # "with 30 percent of voters saying"
        and phrase.lower() not in PRONOUNS  # "after he told": a subject
    ):
        # after a preposition the phrase is its object; a name may end it ("At the
        # beginning of February Konashenkov said"): the name is the subject
        run = re.search(r"(?:(?<=\s)|^)(?:[A-Z][\w'’.\-]*\s+)*[A-Z][\w'’.\-]*$", phrase)
        if run is None or run.start() == 0:
            return None
        start += run.start()
        phrase = run.group()
    if re.fullmatch(r"[\d,.]+", phrase.split()[-1]) and (
        len(phrase.split()) == 1 or LEADING.match(phrase)
    ):
        return None  # "on February 11 agreed": a date
    cut = LEADING.match(phrase)
    if cut:
        start += cut.end()
        phrase = phrase[cut.end() :]
    phrase = TRAILING_TIME.sub("", phrase)  # "Sheldon Adelson on Tuesday said"
    if ONLY_TIME.fullmatch(phrase) or re.fullmatch(r"(?:this|last|next)\s+\w+", phrase):
        return None  # "a report issued earlier this year reported": a time, no source
    phrase = re.sub(r"\s*\([^()]{1,30}\)$", "", phrase)  # "Rep. Hank Johnson (D-Ga.)"
    return (start, phrase) if phrase else None


def opening_subject(sentence: str) -> tuple[int, str] | None:
    """The subject that opens a sentence (after an opening adverbial and its comma)."""
    m = re.match(r"(?P<lead>[^,\"“”]{1,60}),\s+", sentence)
    offset = 0
    if m:
        first = m["lead"].split()[0]
        tag = brill_tags().get(first.lower())
        # "In a statement, ...", "Still, ...", "Asked about it, ...": not the subject
        if tag in {"IN", "RB", "CC", "WRB", "VBN", "VBG"} or LEADING.match(first + " "):
            offset = m.end()
    words = list(re.finditer(r"\S+", sentence[offset:]))
    taken = 0
    for i, w in enumerate(words):
        text = w.group()
        if taken >= NP_WORDS or not (
            np_word(text, head=False) or (taken and text.lower() in NP_PREPOSITIONS)
        ):
            break
        taken = i + 1
        if text.endswith(","):
            break
    if not taken:
        # a pronoun subject ("He met survivors and said")
        first = words[0].group().lower() if words else ""
        if first in PRONOUNS:
            return offset + words[0].start(), words[0].group()
        return None
    end = offset + words[taken - 1].end()
    phrase = sentence[offset:end].rstrip(",")
    cut = LEADING.match(phrase)
    if cut:
        offset += cut.end()
        phrase = phrase[cut.end() :]
    return (offset, phrase) if phrase else None


def is_apposition(aside: str) -> bool:
    """Whether a phrase between commas can be an apposition: a noun phrase of at most a
    dozen words with no verb ("South Carolina director for Sanders", "R-Ky.")."""
    words = aside.split()
    if not words or len(words) > 12:
        return False
    tags = brill_tags()
    return all(
        tags.get(w.lower().strip("().’'")) not in {"VBD", "VBZ", "VBP", "MD", "WDT", "WP"}
        for w in words
    )


def is_source_phrase(phrase: str) -> bool:
    """A source phrase: a pronoun, a name, a role, a number of people or a document."""
    words = [w.strip(",.()") for w in phrase.split()]
    words = [w for w in words if w]
    if not words:
        return False
    head = words[-1].lower().replace("’", "'")
    if head in {"it", "this", "that", "which", "there", "what", "who"} and len(words) == 1:
        return head == "it"
    if is_speaker(phrase):
        return True
    if head_word(phrase) in QUANTIFIERS:  # "Thirty-one percent of those surveyed"
        return True
    # "GOP analysts", "those surveyed", "26 percent of Democrats", "the organizers", "a poll
    # conducted by voters in Saturday's primary" (its head is "poll")
    if head in {"surveyed", "polled", "asked", "questioned"} and words[0].lower() == "those":
        return True
    for word in dict.fromkeys((head_word(phrase), head)):
        tag = brill_tags().get(word)
        if tag in {"NN", "NNS", "NNP", "NNPS", "CD"} or (tag is None and word.isalpha()):
            return True
    return head in QUANTIFIERS


def head_word(phrase: str) -> str:
    """The head word of a noun phrase, lower-cased: its last word before a preposition
    inside it ("a new poll from USA TODAY" -> "poll")."""
    words = phrase.split()
    if not words:
        return ""
    inner = [i for i, w in enumerate(words) if i and w.lower() in NP_PREPOSITIONS]
    k = inner[0] - 1 if inner else len(words) - 1
    # past a participle ("people briefed on the situation")
    while (
        k > 0
        and inner
        and (brill_tags().get(words[k].lower()) in {"VBN", "VBG"} or words[k].lower() in NP_INSIDE)
    ):
        k -= 1
    return words[k].strip(",.()").lower().replace("’", "'")


def agrees(speaker: str, verb: str, lemma: str, left: str) -> bool:
    """Whether a source phrase can be the subject of this form of the cue (``left``: the
    sentence before the cue): no possessive ("Editor's note"); a base form ("say",
    "support") needs an auxiliary before it ("did not say"), a plural, a pronoun that
    takes it or a number ("GOP analysts say", "41 percent support"); after "and" or "to"
    a base form is an infinitive's ("to elect X and reject Y")."""
    words = speaker.split()
    head = head_word(speaker)  # "organizers in Cleveland" -> "organizers"
    last = head
    if words[-1].lower().replace("’", "'").endswith(("'s", "s'")) or head == "let's":
        return False
    if verb != lemma:
        return True
    if re.search(r"(?:^|\s)(?:and|to)\s*$", left):
        return False
    between = BETWEEN.search(left)
    if between and AUXILIARIES & set(between.group().split()):
        return True
    if head in {"i", "we", "they", "you"} or head in QUANTIFIERS or head[:1].isdigit():
        return True
    if head in COLLECTIVE or " and " in speaker:  # "police say", "Bush and Christie say"
        return True
    if head in {"surveyed", "polled", "asked", "questioned"}:
        return True
    tag = brill_tags().get(head) or brill_tags().get(last)
    return tag in {"NNS", "NNPS"} or (tag is None and head.endswith("s"))
