"""Reported speech, beliefs and stances: attributions without quotation marks.

An attribution relation (Pareti 2016; Newell, Margolin & Ruths 2018) ties a source to a cue
and a content. Without a parser, this module finds them from the cue out:

1. **Cues** are the reporting verbs of ``inventories/speech-verbs.yaml`` (said, told, warned,
   believes, endorsed, declined, ...) and "according to". A cue inside quotation marks, a
   passive one ("was told", "is expected") or a capitalised one opening a sentence ("Asked
   whether ...") is not read.
2. **The source** is the noun phrase right before the cue, past auxiliaries and adverbs
   ("has also repeatedly said"), an apposition or an age ("Jeff Sessions, a senator,
   said"). Its words are told apart by their most frequent part of speech in the Brill
   tagger's lexicon that TextBlob ships (Brill 1992): nouns, adjectives, numbers,
   determiners and names belong to it, verbs, conjunctions and most prepositions end it
   ("26 percent of Democrats say", "executives who have worked with him say"). After a
   relative pronoun ("Broaddrick, who said") the source is the noun phrase before it;
   after "and" or a comma before a participle ("..., saying") it is the subject that opens
   the sentence; after the cue ("..., said Katie Harbath") it is the phrase that follows.
3. **The content** is what follows the cue (past "that", an audience after "told", a time
   or a medium before "that"), to the end of the sentence; a stance's content ends at the
   end of its clause. When the cue ends the sentence ("..., the spokesman said.") or
   stands between commas inside it ("Still, he said, officials ..."), the content is the
   rest of the sentence.

Evidence verbs (show, find, indicate, reveal) are attributions only with "that" or a
document as their subject ("the poll found"): "police found a body" reports nothing.
Reported speech inside a mostly quoted sentence belongs to the direct quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from toolkit.sourcephrases import (
    AUXILIARIES,
    BE,
    BETWEEN,
    DETERMINERS,
    ONLY_TIME,
    agrees,
    brill_tags,
    head_word,
    is_apposition,
    is_source_phrase,
    opening_subject,
    subject_before,
)
from toolkit.speakers import PRONOUNS, ROLE_WORDS, SPEECH_VERBS, VERB_CLASSES, is_speaker
from toolkit.text import sentence_spans
from toolkit.wordlists import trie_pattern

__all__ = ["Attribution", "reported_speech"]


@dataclass
class Attribution:
    """One attribution: its content's offsets and text, the speaker as written, the cue
    verb and the kind (``direct``, ``partial``, ``scare``, ``indirect``, ``stance``,
    ``according_to``)."""

    start: int
    end: int
    quote: str
    speaker: str | None
    verb: str | None
    kind: str


_ACCORDING_START = re.compile(
    r"^According to (?P<speaker>[^,]{2,80}),\s*(?P<content>.+)$", re.DOTALL
)
#: "according to X" inside the sentence, between commas or dashes: the content is the
#: sentence around it ("Since November, according to Human Rights Watch, forces have ...")
_ACCORDING_INSIDE = re.compile(
    r"(?P<open>,|\s[—–]|\s--)\s*according to (?P<speaker>[^,—–]{2,80}?)\s*(?:,|[—–]|--)\s+(?=\S)"
)
#: A document in which the content stands ("In the CBS poll, Trump's lead ...").
_IN_DOCUMENT = re.compile(
    r"^In (?P<speaker>(?:an?|the)\s+[^,]{0,60}?\b(?:poll|survey|study|report|analysis))"
    r"(?:\s+[^,]{0,40})?,\s+(?P<content>.+)$",
    re.DOTALL,
)
#: A question put to the speaker: its content is the question ("Asked whether he would
#: run, Smith said ..."); who asked is seldom said.
_ASKED = re.compile(
    r"^(?:When\s+)?[Aa]sked(?:\s+by\s+(?P<speaker>[^,]{2,60}?))?\s+(?P<content>(?:whether|if|"
    r"about|what|why|how|who|which|when|where|to)\b[^,]{3,200}),"
)
_ACCORDING_END = re.compile(
    # the comma is often missing (archives that strip punctuation)
    r"^(?P<content>.+?),?\s+according to (?P<speaker>[^,]{2,80}?)\.?$",
    re.DOTALL,
)

#: Every cue form, longest first ("called for" before "called"), as a whole word; "think"
#: of "think tank" is none.
_CUE = re.compile(
    r"(?<![\w'’\-])(?P<verb>"
    + trie_pattern(list(SPEECH_VERBS))
    + r")(?![\w'’\-])(?!\s+(?:tanks?|away|off)\b)"
)
#: A sentence is read only if one of its white-space tokens starts a cue.
_GLUE = frozenset("is are was were to that for about widely out on back of as".split())


def _key_word(form: str) -> str:
    """The word of a cue form a sentence must hold ("expected" of "is expected to")."""
    return next((w for w in form.split() if w not in _GLUE), form.split()[0])


_CUE_TOKENS = frozenset(
    w + p for w in {_key_word(v) for v in SPEECH_VERBS} for p in ("", ".", ",", ";", ":")
)

#: Participles that a form of "be" before them makes passive.
_PARTICIPLE = re.compile(r"(?:ed|told|said|thought|known|shown|found|sought|felt|written)$")

#: The subject of an evidence verb that may report without "that".
DOCUMENTS = frozenset(
    """
    poll polls polling survey surveys study studies report reports data records results
    analysis figures research researchers document documents filing filings statement review
    audit investigation email emails video videos footage tape testimony estimates
    projections numbers returns models photos images files average averages markets
    """.split()
)
_EVIDENCE = frozenset({"show", "find", "indicate", "reveal"})
#: Audiences after "told": reporters, a pronoun, a named outlet ("told The Washington Post").
_AUDIENCE = re.compile(
    r"\s+(?:him|her|them|us|me|you|reporters|journalists|the media|media|supporters|voters|"
    r"the crowd|an audience|audiences|lawmakers|(?:the\s+)?(?:[A-Z][\w'’.&\-]*\s?){1,5})"
)
_AUDIENCE_VERBS = frozenset({"tell", "assure", "remind", "inform"})
#: An audience and a time before "that", with no punctuation between.
_UNTIL_THAT = re.compile(r"\s+[^,.;:\"“”]{1,80}?(?=\s+that\b)")
#: A relative clause between commas holds the cue ("Jim Smith, who said the vote was
#: rigged, lost"): the content ends at its closing comma.
_RELATIVE = re.compile(r",\s+(?:who|which)\s+(?:\w+\s+){0,2}$")
#: A subordinate clause that opens the sentence and holds the cue.
_SUBORDINATE = re.compile(
    r"^(?:[A-Z][\w ,]{0,40}?,\s+)?(?:When|After|Before|As|While|Because|Although|Though|If|"
    r"Since|Until|Once|Even as|Even though|Whether)\b[^,]*$"
)
#: A time or a medium before "that" ("said on Wednesday that", "said in a statement that").
_BEFORE_THAT = re.compile(
    r"(?:,?\s+(?:on|in|at|during|to|from|by|through|after|before|over|last|this|late|early|"
    r"earlier)\s+[^,.;:\"“”]{1,50}?|\s+[A-Z][a-z]+day),?(?=\s+that\b)"
    # a medium before the content ("noted on Twitter the change", "said in a statement")
    r"|\s+(?:on\s+(?:Twitter|Facebook|Instagram|television|TV|radio|CNN|MSNBC|Fox\s+News)|"
    r"in\s+(?:a|an|his|her|their|its)\s+(?:statement|interview|speech|letter|op-ed|email|"
    r"tweet|post|video|memo|report|news\s+conference|press\s+conference))\b,?"
    # a time alone may stand before the content ("said on Friday he met")
    r"|\s+(?:(?:on|last|this|late|early|earlier)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|night|morning|evening|afternoon|weekend)\b,?"
)
_THAT = re.compile(r"^[,:]?\s*(?:that\s+)?")
#: Content opens with a clause or an object, not an adverbial ("said in a statement").
_ADVERBIAL = re.compile(
    r"(?:in|on|at|with|from|by|into|after|before|during|until|as|over|through|later|"
    r"again|earlier|today|yesterday|tonight|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|so|too|nothing|anything|yes|no|of|about|when|because|while)\b"
)
#: Where a stance's clause ends.
_CLAUSE_END = re.compile(
    r"(?:;|\s[—–-]{1,2}\s|,\s+(?:and|but|which|while|whereas|as|who|although|though|"
    r"because|after|before|when|[a-z]+ing)\b)"
)
#: Where reported speech ends (PolNeAR's coders end the content with the reported clause):
#: a clause the writer adds (", which ...", ", even as ...", ", despite ...", a participle
#: after a comma: ", conceding the race"), a concession (", though she did not"), a
#: semicolon or a dash, or a predicate coordinated with the speaker's own ("she wants a
#: safe zone and has expressed support": ``_coordinated``).
_SPEECH_END = re.compile(
    r"(?:;|\n|\s[—–-]\s|\s--\s|,\s+(?:which|even\s+as|even\s+though|despite|although|though|"
    r"whereas|while|who|whom|compared|but\s+(?:he|she|they|it|the))\b)"
)
#: A new clause after a comma and a conjunction ("..., and both sides are not far apart"):
#: the writer's, not the source's.
_NEW_CLAUSE = re.compile(
    r",\s+(?:and|but|so|yet|while)\s+(?:the|a|an|this|that|these|those|his|her|its|their|"
    r"some|many|most|he|she|they|it|we|i|there|[A-Z0-9])"
)
#: A trailing attribution inside a content (", KING-TV reported", ", said Robert Egge").
_TRAILING_CUE = re.compile(
    r",\s+(?:said|says|added|reported|wrote|told)\b|,\s+(?:(?:the|a|an|his|her|its|their|one)\s+)?"
    r"(?:[\w'’.\-]+\s+){0,4}(?:said|says|reported|wrote|added|told|argued|noted)\b"
)
_COORDINATED = re.compile(r",?\s+(?:and|but)\s+(?:(?:also|then|later|not)\s+)?(?P<word>[a-z]+)\b")
_FINITE = frozenset({"VBD", "VBZ", "MD"})
_HAVE = frozenset({"has", "have", "had"})


def _coordinated(sentence: str, start: int, end: int) -> int:
    """Where a predicate coordinated with the speaker's begins in ``start:end``, or ``end``:
    another cue ("..., and suggested that") or, when the content has no subject of its own
    ("wants to establish a safe zone and has expressed support"), a finite verb."""
    own_subject = not re.match(r"(?:to|not)\b", sentence[start:end])
    for m in _COORDINATED.finditer(sentence, start, end):
        word = m["word"]
        but = m.group().lstrip(", ").startswith("but")
        if word in SPEECH_VERBS or (
            (not own_subject or but)
            and (
                brill_tags().get(word) in _FINITE
                or word in BE | AUXILIARIES | {"has", "have", "had"}
            )
        ):
            return m.start()
    return end


#: Cues that attribute only next to a quotation ('"...," he continued').
_QUOTE_ONLY = frozenset({"continue", "respond", "reply", "reply to"})
#: A tail after a sentence-final cue: a time, a place, a medium ("said in a statement").
_TAIL = re.compile(
    r"^(?:\s+(?:in|on|at|to|during|after|before|late|early|earlier|later|last|this|via|from|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)"
    r"\b[^,;]{0,50})?\s*(?:[.!?]?$|;)"
)
_PARENTHETICAL = re.compile(
    r"^(?:\s+(?:in|on|at|to|during|late|early|earlier|later|last|this|via|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)\b[^,;]{0,40})?,\s+(?=\S)"
)
#: Words after which a cue's form is a noun ("their calls intensified", "the report"): the
#: determiners but the demonstratives, which can be a verb's subject ("that said").
_NOUN_MARKERS = (DETERMINERS - {"this", "that", "these", "those"}) | {"your"}

#: After the cue: an inverted source ("..., said Katie Harbath, Facebook's director").
_INVERTED = re.compile(
    r"^\s+(?P<speaker>(?:[Tt]he\s+|[Aa]n?\s+)?(?:[\w'’.\-]+\s+){0,6}?[\w'’.\-]+)"
    r"(?=\s*(?:,|\.|$|\s+(?:in|on|at|during|who|last|this)\b))"
)


#: Opens a sentence but is no part of its subject ("On Tuesday Konashenkov said").
def _cues(sentence: str) -> Iterator[re.Match[str]]:
    if _CUE_TOKENS.isdisjoint(sentence.split()):
        return
    yield from _CUE.finditer(sentence)


def _source(sentence: str, cue: re.Match[str]) -> tuple[int, str | None, bool] | None:
    """The source of a cue: (its start, its text, whether it follows the cue); None when the
    cue is no attribution here (passive, a noun)."""
    left = sentence[: cue.start()]
    between = BETWEEN.search(left)
    core_end = between.start() if between else len(left)
    passive = _PARTICIPLE.search(cue["verb"].split()[0])
    if between and BE & set(between.group().split()) and passive:
        return None  # passive: "was told", "is expected"
    core = left[:core_end].rstrip()
    if not core or core.endswith(('"', "“", "”", "''")):
        return None  # the cue opens the sentence or follows a quote (the quote's own)
    if core.endswith(",") and between and between.group().split()[0] in {"then", "also"}:
        found = opening_subject(sentence)  # "Clinton paused, then revealed why"
        return (found[0], found[1], False) if found else None
    if core.endswith(","):
        # an apposition, an age, a relative clause between commas ("Murphy, 69, said")
        inner = core[:-1]
        comma = inner.rfind(",")
        if comma > 0:
            aside = inner[comma + 1 :].strip()
            if re.match(
                r"(?:\d{1,3}$|(?:an?|the|who|which|whose|one|his|her|its|their|[A-Z]-)\b)",
                aside,
            ) or is_apposition(aside):
                # another short aside before it ("Yin Myint May, 60, a doctor, said")
                more = re.search(r",\s*(?:\d{1,3}|[^,]{1,40}),?\s*$", inner[:comma])
                if more and is_apposition(more.group().strip(" ,")):
                    first = subject_before(sentence, more.start())
                    if first and is_source_phrase(first[1]) and is_speaker(first[1]):
                        return first[0], first[1], False
                found = subject_before(sentence, comma)
                if found and is_source_phrase(found[1]):
                    return found[0], found[1], False
        if cue["verb"].endswith("ing"):  # "..., saying": the subject of the sentence
            found = opening_subject(sentence)
            return (found[0], found[1], False) if found else (cue.start(), None, False)
        after = _INVERTED.match(sentence[cue.end() :])
        if after and is_source_phrase(after["speaker"]) and is_speaker(after["speaker"]):
            return cue.end() + after.start("speaker"), after["speaker"], True
        return None
    low = core.lower()
    if cue["verb"].endswith("ing") and re.search(
        r"(?:^|\s)(?:by|after|before|while|when|in|without|despite|for|of)$", low
    ):  # "Trump began by saying": the subject of the sentence
        found = opening_subject(sentence)
        return (found[0], found[1], False) if found else None
    if re.search(r"(?:^|\s)(?:who|which)$", low) or re.search(r",\s*(?:who|which)$", low):
        found = subject_before(sentence, len(core.rsplit(None, 1)[0].rstrip(", ")))
        if found is None:
            found_start = core.rfind(" ")
            return (found_start + 1, core[found_start + 1 :], False)
        return found[0], found[1], False
    if re.search(r"(?:^|\s)and$", low):  # "Obama met survivors and said"
        found = opening_subject(sentence)
        return (found[0], found[1], False) if found else None
    found = subject_before(sentence, len(core))
    if found is None or not is_source_phrase(found[1]):
        return None
    return found[0], found[1], False


def _content_after(sentence: str, cue: re.Match[str], lemma: str) -> tuple[int, int] | None:
    """The content after a cue: its start and end in ``sentence``, or None."""
    pos = cue.end()
    if lemma in _AUDIENCE_VERBS:
        # "told The Post and Courier newspaper of Charleston on Saturday that he ..."
        m = _UNTIL_THAT.match(sentence, pos)
        m = m or _AUDIENCE.match(sentence, pos)
        if m:
            pos = m.end()
    m = _BEFORE_THAT.match(sentence, pos)
    if m:
        pos = m.end()
    m = _THAT.match(sentence[pos:])
    start = pos + (m.end() if m else 0)
    while start < len(sentence) and sentence[start] in " \n":
        start += 1
    that = m is not None and "that" in m.group()
    amount = re.match(r"about\s+(?:half|a\s+third|a\s+quarter|\d)", sentence[start:])
    if start >= len(sentence) or (not that and not amount and _ADVERBIAL.match(sentence, start)):
        return None
    if ONLY_TIME.match(sentence, start):
        return None  # "told POLITICO last month."
    first = sentence[start:].split(None, 1)[0].lower()
    if first.endswith("ing") and first in SPEECH_VERBS:
        return None  # "he said referring to ..." (a text without commas): no content
    if lemma == "claim" and re.match(
        r"(?:the\s+)?(?:lives|[\d,.]+(?:\s+(?:more|lives|people|civilians|victims))?\b|"
        r"(?:more|at least|over|nearly|about|hundreds|thousands|dozens)\b)",
        sentence[start:],
    ):
        return None  # "the war claimed more than 191,000 lives": a toll, not a claim
    end = len(sentence)
    stop = (_CLAUSE_END if VERB_CLASSES.get(lemma) == "position" else _SPEECH_END).search(
        sentence, start
    )
    # a cut that would leave less than four words is inside the content ("said Trump,
    # despite his wealth, is better placed")
    least = 1 if VERB_CLASSES.get(lemma) == "position" else 4
    if stop and len(sentence[start : stop.start()].split()) >= least:
        end = stop.start()
    if _SUBORDINATE.match(sentence[: cue.start()]) or _RELATIVE.search(sentence, 0, cue.start()):
        # "When Trump suggested that Cuba would sue, Rubio fired back": the clause ends at
        # its comma
        comma = sentence.find(", ", start, end)
        if comma > 0 and len(sentence[start:comma].split()) >= 3:
            end = comma
    if VERB_CLASSES.get(lemma) != "position":
        for pattern in (_NEW_CLAUSE, _TRAILING_CUE):
            m = pattern.search(sentence, start, end)
            if m and len(sentence[start : m.start()].split()) >= 4:
                end = m.start()
    cut = _coordinated(sentence, start, end)
    return start, cut if len(sentence[start:cut].split()) >= 4 else end


def _trim(sentence: str, a: int, b: int) -> tuple[int, int]:
    """``a:b`` without surrounding white space and closing punctuation."""
    piece = sentence[a:b]
    left = len(piece) - len(piece.lstrip())
    core = piece.strip().rstrip(".!?;:,")
    return a + left, a + left + len(core)


def _one(sentence: str, cue: re.Match[str]) -> tuple[int, int, str, str | None] | None:
    """The content span, text and speaker of one cue in a sentence, or None."""
    verb = cue["verb"]
    if verb[:1].isupper():
        return None  # "Asked whether ...": its source is the main clause's
    lemma = SPEECH_VERBS[verb]
    if lemma in _QUOTE_ONLY:
        return None
    previous = sentence[: cue.start()].split()[-1:]
    if previous and previous[0].lower() in _NOUN_MARKERS:
        return None  # "their calls", "the report", "a claim": the noun, not the verb
    src = _source(sentence, cue)
    if src is None:
        return None
    s_start, speaker, inverted = src
    before_source = sentence[:s_start].rstrip()
    if (
        re.search(r"(?:[\"”]|'')\s*,?$", before_source)
        and before_source[:1] in "\"“'"
        and (len(before_source.split()) > 4 or re.search(r",\s*(?:[\"”]|'')$", before_source))
    ):
        return None  # '"...," he said, adding ...': the direct quote's attribution
    if speaker and not inverted and not agrees(speaker, verb, lemma, sentence[: cue.start()]):
        return None
    left = sentence[: cue.start()]
    if VERB_CLASSES.get(lemma) in {"belief", "position"} and re.search(
        r"\b(?:may|might|could|can|should)\s+(?:\w+ly\s+)?$", left
    ):
        return None  # "Trump may want to check his stats": the writer's, hypothetical
    before_cue = left.split()[-1:] or [""]
    if (
        verb == "called"
        and speaker
        and (
            re.match(r"(?:an?|one)\s", speaker, re.IGNORECASE)
            or (
                before_cue[0].islower()
                and before_cue[0] not in ROLE_WORDS
                and before_cue[0] not in PRONOUNS
                and brill_tags().get(before_cue[0]) in {"NN", "NNS"}
            )
        )
    ):
        return None  # "a super PAC called Future 45", "an operation called": a name
    after_end = cue.end()
    if inverted and speaker is not None:
        after_end = s_start + len(speaker)
    rest = sentence[after_end:]
    content: tuple[int, int] | None = None
    text: str | None = None
    # between commas inside the sentence ("In the long run, many economists say, this
    # effect ..."): the content is on both sides
    between_commas = (
        not inverted
        and sentence[:s_start].rstrip().endswith(",")
        and _PARENTHETICAL.match(sentence[cue.end() :]) is not None
        and not verb.endswith("ing")
    )
    if not inverted and not between_commas:
        content = _content_after(sentence, cue, lemma)
        if content is not None and len(sentence[content[0] : content[1]].split()) < (
            1 if VERB_CLASSES.get(lemma) == "position" else 2
        ):
            content = None
    if content is None:
        # the cue ends the sentence, or stands between commas inside it
        if lemma == "tell" and not inverted:
            m = _AUDIENCE.match(sentence, after_end)
            rest = sentence[m.end() :] if m else rest
        before = sentence[: cue.start() if inverted else s_start].rstrip()
        if inverted and rest.startswith(",") and is_apposition(rest.strip(" ,.")):
            rest = ""  # "..., said Katie Harbath, Facebook's director."
        if not before.endswith(","):
            return None  # "X said sorties continued": no content before the source
        before = before.rstrip(",").rstrip()
        if _TAIL.match(rest):
            if len(before.split()) < 2:
                return None
            content = (0, len(before))
        else:
            m = _PARENTHETICAL.match(rest)
            if m is None or not before:
                return None
            tail_start = len(sentence) - len(rest) + m.end()
            content = (0, len(sentence))
            a, b = _trim(sentence, tail_start, len(sentence))
            text = f"{before} {sentence[a:b]}"
    if lemma in _EVIDENCE:
        opened_with_that = sentence[cue.end() : content[0]].strip().endswith("that")
        head = head_word(speaker or "")
        if (
            not opened_with_that
            and head not in DOCUMENTS
            and (
                head in ROLE_WORDS
                or head in PRONOUNS
                or brill_tags().get(head) not in {"NN", "NNS"}
            )
        ):
            return None  # "police found a body"
    a, b = _trim(sentence, *content)
    if b <= a:
        return None
    return a, b, text if text is not None else sentence[a:b], speaker


#: Where the clause of an evidential ends: punctuation, or a subordinate clause.
_EVIDENTIAL_END = re.compile(
    r"[,;:]|\s[—–-]{1,2}\s|\s(?:when|because|as|after|before|while|since|due\s+to|if|"
    r"until|despite)\b"
)


def _evidential(sentence: str, cue: re.Match[str]) -> tuple[int, int] | None:
    """The content of an evidential cue: its subject and what follows to the end of the
    clause ("Trump [appears to] have learned ..."), or what follows "It seems that"."""
    verb = cue["verb"]
    end_match = _EVIDENTIAL_END.search(sentence, cue.end())
    end = end_match.start() if end_match else len(sentence)
    left = sentence[: cue.start()]
    between = BETWEEN.search(left)
    core = left[: between.start() if between else len(left)].rstrip()
    if verb.endswith("that"):
        if not re.search(r"(?:^|\s)[Ii]t$", core):
            return None
        return _trim(sentence, cue.end(), end)
    found = subject_before(sentence, len(core))
    if found is None or found[1].lower() in {"it", "there", "this", "that", "which", "who"}:
        return None
    if len(sentence[cue.end() : end].split()) < 1:
        return None
    return _trim(sentence, found[0], end)


def _share_quoted(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in quoted)
    return inside / max(end - start, 1)


def reported_speech(text: str, quoted: Sequence[tuple[int, int]] = ()) -> list[Attribution]:
    """The attributions of a text that are not direct quotes.

    Parameters
    ----------
    text : str
        An article.
    quoted : sequence of (int, int)
        Character spans of the text's direct quotes (:func:`toolkit.quotes.quote_spans`):
        a sentence mostly inside them is the quote's, and a cue inside them is not read.

    Returns
    -------
    list of Attribution
        In text order: kind ``indirect`` (reported speech or belief), ``stance`` (a
        position taken), ``evidential`` (the writer's inference, no source) or
        ``according_to``; offsets into ``text``.

    Examples
    --------
    >>> [(a.kind, a.speaker, a.quote) for a in reported_speech(
    ...     "Juanita Broaddrick, who said Clinton raped her, spoke on radio. "
    ...     "Still, he said, officials must decide. Six in 10 say he is decisive.")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('indirect', 'Juanita Broaddrick', 'Clinton raped her'),
     ('indirect', 'he', 'Still officials must decide'),
     ('indirect', 'Six in 10', 'he is decisive')]
    """
    found: list[Attribution] = []
    for s, e in sentence_spans(text):
        if _share_quoted(s, e, quoted) > 0.5:
            continue
        sentence = text[s:e]
        m = (
            _ACCORDING_START.match(sentence) if sentence.startswith("According to ") else None
        ) or (_ACCORDING_END.match(sentence) if "according to " in sentence else None)
        if m is None and "according to " in sentence:
            inside = _ACCORDING_INSIDE.search(sentence)
            if inside and inside.start() > 0:
                a, b = _trim(sentence, 0, len(sentence))
                text_ = f"{sentence[a : inside.start()]} {sentence[inside.end() : b]}"
                if len(sentence[: inside.start()].split()) >= 5:
                    # a clause before it: the attribution is that clause's ("The men
                    # intended ..., according to a lawsuit, a former prime minister's")
                    a, b = _trim(sentence, 0, inside.start())
                    text_ = sentence[a:b]
                who = inside["speaker"].strip()
                found.append(Attribution(s + a, s + b, text_, who, None, "according_to"))
                continue
        if m is None and sentence.startswith("In "):
            m = _IN_DOCUMENT.match(sentence)
        if m:
            a, b = _trim(sentence, *m.span("content"))
            found.append(
                Attribution(s + a, s + b, sentence[a:b], m["speaker"].strip(), None, "according_to")
            )
            continue
        asked = _ASKED.match(sentence) if "sked " in sentence[:12] else None
        if asked:
            a, b = _trim(sentence, *asked.span("content"))
            who = asked["speaker"].strip() if asked["speaker"] else None
            found.append(Attribution(s + a, s + b, sentence[a:b], who, "asked", "indirect"))
        seen: set[tuple[int, int]] = set()
        for cue in _cues(sentence):
            if any(qa <= s + cue.start() < qb for qa, qb in quoted):
                continue  # the cue is quoted words
            if VERB_CLASSES.get(SPEECH_VERBS.get(cue["verb"], "")) == "evidential":
                span = _evidential(sentence, cue)
                if span is not None and span not in seen:
                    seen.add(span)
                    a, b = span
                    found.append(
                        Attribution(s + a, s + b, sentence[a:b], None, cue["verb"], "evidential")
                    )
                continue
            one = _one(sentence, cue)
            if one is None:
                continue
            a, b, content, speaker = one
            if (a, b) in seen or (
                any(qa <= s + a < qb for qa, qb in quoted)
                and _share_quoted(s + a, s + b, quoted) > 0.5
            ):
                continue  # the content is mostly a quotation: the direct quote's
            seen.add((a, b))
            position = VERB_CLASSES[SPEECH_VERBS[cue["verb"]]] == "position"
            kind = "stance" if position else "indirect"
            found.append(Attribution(s + a, s + b, content, speaker, cue["verb"], kind))
    return found
