"""The toolkit's one tokenizer, sentence splitter, stop words and multiword expressions.

Every measure that counts words goes through :func:`tokenize` (one text) or :func:`tokens`
(a corpus), so "terrorists" is the same term in term frequencies, keyness, kwic and the
framing features. The rules:

* Text is first normalised: curly apostrophes become ``'``, Unicode hyphens (U+2010,
  U+2011, U+2012, U+2212) become ``-``, soft hyphens are removed; en and em dashes stay
  punctuation.
* A token is a run of letters or digits (any script), joined by inner hyphens or
  apostrophes: ``Turkish-Syrian``, ``dusk-to-dawn``, ``al-Nusra``, ``Syria's``, ``don't``.
  Numbers keep their separators (``1,600``, ``7.62``); dotted abbreviations keep their
  dots (``U.S.``). Leading and trailing hyphens and apostrophes are not part of a token.
* Tokens are lower-cased unless asked otherwise.
* Multiword expressions, when given, are joined with ``_`` before tokenising, so
  "Islamic State" becomes the single term ``islamic_state``.

No NLTK data is used anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import pandas as pd

from toolkit.articles import match_dateline
from toolkit.memo import per_text
from toolkit.wordlists import load_lexicon

__all__ = [
    "ENGLISH_STOP_WORDS",
    "SYRIA_PHRASES",
    "name_spans",
    "normalise",
    "normalise_offsets",
    "sentence_spans",
    "sentences",
    "split_sentences",
    "stop_words",
    "tokenize",
    "tokens",
]

_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, the usual curly apostrophe
        "\u2018": "'",
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2032": "'",  # prime
        "\uff07": "'",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2212": "-",  # minus sign
        "\u00ad": None,  # soft hyphen
        "_": " ",  # "_" is reserved for joining multiword expressions
    }
)

_WORD = r"[^\W_]+(?:['\-_][^\W_]+)*"
_NUMBER = r"\d+(?:[.,:/]\d+)*(?:[\-_][^\W_]+)*"
_ABBREVIATION = r"(?:[^\W\d_]\.){2,}"
TOKEN_PATTERN = re.compile(rf"{_ABBREVIATION}|{_NUMBER}|{_WORD}")

#: English function words: articles, pronouns, prepositions, conjunctions, auxiliary and
#: modal verbs, and a few frequent adverbs. Content words that matter in war reporting
#: ("fire", "killed", "said", "against", "forces") are deliberately not in it.
ENGLISH_STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again all also am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't down during each either few for from further had hadn't has hasn't have haven't
    having he he'd he'll he's her here here's hers herself him himself his how how's however i
    i'd i'll i'm i've if in into is isn't it it's its itself just let's many may me might more
    most much must mustn't my myself neither no nor not now of off on once only or other ought
    our ours ourselves out over own same shall shan't she she'd she'll she's should shouldn't so
    some such than that that's the their theirs them themselves then there there's these they
    they'd they'll they're they've this those though through thus to too under until up upon us
    very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's
    whether which while who who's whom whose why why's will with within without won't would
    wouldn't yet you you'd you'll you're you've your yours yourself yourselves
    """.split()
)

#: Multiword names frequent in reporting on the Syrian war, for ``phrases=``.
SYRIA_PHRASES: tuple[str, ...] = (
    "Islamic State",
    "Jabhat al-Nusra",
    "Jabhat Fateh al-Sham",
    "Hayat Tahrir al-Sham",
    "al-Nusra Front",
    "Free Syrian Army",
    "Syrian Arab Army",
    "Syrian Democratic Forces",
    "Syrian Observatory for Human Rights",
    "Syrian Arab Republic",
    "Defense Ministry",
    "Defence Ministry",
    "Foreign Ministry",
    "Aerospace Forces",
    "White Helmets",
    "United Nations",
    "Security Council",
    "United States",
    "Bashar al-Assad",
    "barrel bombs",
    "chemical weapons",
    "human rights",
)

# ---------------------------------------------------------------------------- tokens


def normalise(text: str) -> str:
    """Normalise apostrophes and hyphens the way the tokenizer sees them.

    Examples
    --------
    >>> normalise("Syria’s Turkish‐Syrian border")
    "Syria's Turkish-Syrian border"
    """
    return text.translate(_TRANSLATE)


_SAME_LENGTH = str.maketrans(
    {k: v for k, v in _TRANSLATE.items() if v is not None and k != ord("_")}
)


def normalise_offsets(text: str) -> str:
    """:func:`normalise` without the changes that alter offsets (soft hyphens, ``_``), so
    that token positions found in the result are positions in ``text``.

    Examples
    --------
    >>> normalise_offsets("Syria’s") == "Syria's"
    True
    """
    return text.translate(_SAME_LENGTH)


@lru_cache(maxsize=64)
def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    cleaned = sorted(
        {" ".join(normalise(p).split()) for p in phrases if p.strip()}, key=len, reverse=True
    )
    if not cleaned:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in cleaned)
    return re.compile(rf"(?<![\w'\-])(?:{alternatives})(?![\w\-]|'\w)", re.IGNORECASE)


def join_phrases(text: str, phrases: Sequence[str] | None) -> str:
    if not phrases:
        return text
    regex = _phrase_regex(tuple(phrases))
    if regex is None:
        return text
    return regex.sub(lambda m: "_".join(m.group(0).split()), text)


def tokenize(
    text: str,
    *,
    lowercase: bool = True,
    phrases: Sequence[str] | None = None,
) -> list[str]:
    """Split one text into word tokens (see the module docstring for the rules).

    Parameters
    ----------
    text : str
        Any text.
    lowercase : bool, default True
        Lower-case the tokens.
    phrases : sequence of str, optional
        Multiword expressions to keep as one token, joined by ``_`` (matched
        case-insensitively, any white space between their words), e.g.
        :data:`SYRIA_PHRASES`.

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("Weapons crossed the Turkish-Syrian border during dusk-to-dawn hours.")
    ['weapons', 'crossed', 'the', 'turkish-syrian', 'border', 'during', 'dusk-to-dawn', 'hours']
    >>> tokenize("Syria’s army hit 1,593 “terrorist” targets, the U.S. said.")
    ["syria's", 'army', 'hit', '1,593', 'terrorist', 'targets', 'the', 'u.s.', 'said']
    >>> tokenize("Strikes on the Islamic State group", phrases=["Islamic State"])
    ['strikes', 'on', 'the', 'islamic_state', 'group']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() expects a str, got {type(text).__name__}")
    prepared = join_phrases(normalise(text), phrases)
    if lowercase:
        prepared = prepared.lower()
    return TOKEN_PATTERN.findall(prepared)


def text_column(
    corpus: pd.DataFrame | pd.Series, func: str, *, series_ok: bool = True
) -> pd.Series:
    """The ``text`` column of a corpus, with an error that teaches when it is not one."""
    if isinstance(corpus, pd.Series) and series_ok:
        return corpus
    if isinstance(corpus, pd.DataFrame):
        if "text" not in corpus.columns:
            raise KeyError(
                f"{func}() needs a corpus with a 'text' column; columns: "
                f"{', '.join(map(str, corpus.columns))}"
            )
        return corpus["text"]
    if isinstance(corpus, str):
        raise TypeError(
            f"{func}() expects a corpus DataFrame, got a str; for one text use "
            f"toolkit.text.tokenize(text), for a path use toolkit.load_corpus(path)"
        )
    raise TypeError(f"{func}() expects a corpus DataFrame, got {type(corpus).__name__}")


def tokens(
    corpus: pd.DataFrame | pd.Series,
    *,
    lowercase: bool = True,
    phrases: Sequence[str] | None = None,
) -> pd.Series:
    """Tokenise every article of a corpus once, for sharing between measures.

    Parameters
    ----------
    corpus : pandas.DataFrame or Series
        A corpus (its ``text`` column is used) or a Series of texts.
    lowercase, phrases
        As in :func:`tokenize`.

    Returns
    -------
    pandas.Series
        One list of tokens per article, same index as the corpus, named ``tokens``; its
        ``attrs`` record the tokenizer options.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = pd.Series(["Rebels shelled Aleppo.", "Terrorists shelled Aleppo."],
    ...                   index=pd.Index(["a", "b"], name="doc_id"))
    >>> tokens(texts).tolist()
    [['rebels', 'shelled', 'aleppo'], ['terrorists', 'shelled', 'aleppo']]
    """
    text = text_column(corpus, "tokens")
    phrase_tuple = tuple(phrases) if phrases else None
    regex = _phrase_regex(phrase_tuple) if phrase_tuple else None
    findall = TOKEN_PATTERN.findall
    out: list[list[str]] = []
    for value in text.tolist():
        if not isinstance(value, str):
            out.append([])
            continue
        prepared = normalise(value)
        if regex is not None:
            prepared = regex.sub(lambda m: "_".join(m.group(0).split()), prepared)
        out.append(findall(prepared.lower() if lowercase else prepared))
    result = pd.Series(out, index=text.index, name="tokens", dtype="object")
    result.attrs["tokenizer"] = {"lowercase": lowercase, "phrases": list(phrase_tuple or ())}
    return result


def stop_words(
    add: Iterable[str] = (), remove: Iterable[str] = (), *, base: Iterable[str] | None = None
) -> frozenset[str]:
    """Return the English stop words with words added or removed.

    Parameters
    ----------
    add, remove : iterable of str
        Words to add to or remove from the list (lower-cased).
    base : iterable of str, optional
        Start from this list instead of :data:`ENGLISH_STOP_WORDS`.

    Examples
    --------
    >>> words = stop_words(add=["said"], remove=["against"])
    >>> "said" in words, "the" in words, "against" in words
    (True, True, False)
    """
    start = ENGLISH_STOP_WORDS if base is None else frozenset(w.lower() for w in base)
    return (start | {w.lower() for w in add}) - {w.lower() for w in remove}


# ---------------------------------------------------------------------------- sentences

#: Words that end with a full stop without ending a sentence (compared lower-cased).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm brig gov sen rep pres st jr sr
    rev fr hon amb dept univ inc corp co ltd no nos vol fig approx est vs
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    """.split()
)
#: Words that usually open a sentence; after a dotted abbreviation ("U.S.") a capitalised
#: word starts a new sentence only when it is one of these.
_SENTENCE_STARTERS = frozenset(
    """
    the a an it he she they we i you this that these those there in on at but and however
    meanwhile earlier later according his her their its our after before when while since
    as if for since so yet still also some many most all no one two three
    """.split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]»]*(?=\s+(?:''|``|[\"“‘'(\[«])?[A-Z0-9À-ÖØ-Þ])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_LAST_WORD = re.compile(r"([^\s\"“‘'(\[]+)$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(]?([^\W\d_]+)")


def _dateline_end(paragraph: str) -> int:
    match = match_dateline(paragraph)
    return match.end() if match else 0


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character offsets of the sentences of ``text``.

    Paragraph breaks (blank lines) always end a sentence, so an unpunctuated headline is a
    sentence of its own. Within a paragraph a sentence ends at ``.``, ``!``, ``?`` or
    ``…`` (with any closing quotes or brackets) followed by space and a capital letter,
    digit or opening quote, except after a title or month abbreviation (``Mr.``,
    ``Gen.``, ``Feb.``), an initial (``George W. Bush``), a dotted abbreviation followed
    by a name (``the U.S. Navy``), or inside a leading dateline
    (``LATAKIA, February 16. /TASS/.``). Spans exclude surrounding white space.

    Examples
    --------
    >>> text = 'Mr. Lavrov met Gen. Smith on Feb. 3. "We agreed," he said. Talks go on.'
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Mr. Lavrov met Gen. Smith on Feb. 3.', '"We agreed," he said.', 'Talks go on.']
    """
    return list(_sentence_spans(text))


@per_text()
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of a text, cached: several measures split the same article."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in [*_PARAGRAPH.finditer(text), None]:
        end = block.start() if block is not None else len(text)
        _paragraph_spans(text, pos, end, spans)
        if block is not None:
            pos = block.end()
    return tuple(spans)


def _paragraph_spans(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    paragraph = text[start:end]
    if not paragraph.strip():
        return
    skip_until = _dateline_end(paragraph.lstrip())
    offset = len(paragraph) - len(paragraph.lstrip())
    skip_until = skip_until + offset if skip_until else 0
    sent_start = 0
    for match in _BOUNDARY.finditer(paragraph):
        cut = match.end()
        if cut <= skip_until or not _ends_sentence(paragraph, match.start(), cut):
            continue
        _add_span(paragraph, start, sent_start, cut, spans)
        sent_start = cut
    _add_span(paragraph, start, sent_start, len(paragraph), spans)


def _add_span(paragraph: str, base: int, lo: int, hi: int, spans: list[tuple[int, int]]) -> None:
    piece = paragraph[lo:hi]
    stripped = piece.strip()
    if stripped:
        left = lo + (len(piece) - len(piece.lstrip()))
        spans.append((base + left, base + left + len(stripped)))


def _ends_sentence(paragraph: str, punct_at: int, cut: int) -> bool:
    if paragraph[punct_at] != ".":
        return True
    word_match = _LAST_WORD.search(paragraph, max(0, punct_at - 40), punct_at)
    word = word_match.group(1) if word_match else ""
    if word.lower().rstrip(".") in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
        return False
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):  # "U.S" of "U.S." or "U.N"
        nxt = _NEXT_WORD.match(paragraph, cut)
        return bool(nxt and nxt.group(1).lower() in _SENTENCE_STARTERS)
    return True


def split_sentences(text: str) -> list[str]:
    """Split a text into sentences (see :func:`sentence_spans` for the rules).

    Examples
    --------
    >>> split_sentences("Headline without a stop\\n\\nThe army advanced. Rebels withdrew.")
    ['Headline without a stop', 'The army advanced.', 'Rebels withdrew.']
    """
    return [text[s:e] for s, e in sentence_spans(text)]


def sentences(corpus: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """Split every article into sentences.

    Parameters
    ----------
    corpus : pandas.DataFrame or Series
        A corpus (its ``text`` column) or a Series of texts indexed by doc_id.

    Returns
    -------
    pandas.DataFrame
        One row per sentence with columns ``doc_id, sentence_index, sentence, start, end``
        (character offsets into the article's text; ``sentence_index`` from 0).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(["One. Two.", "Three."], index=pd.Index(["a", "b"], name="doc_id"))
    >>> sentences(s)
      doc_id  sentence_index sentence  start  end
    0      a               0     One.      0    4
    1      a               1     Two.      5    9
    2      b               0   Three.      0    6
    """
    text = text_column(corpus, "sentences")
    rows = []
    for doc_id, value in zip(text.index, text.tolist(), strict=True):
        if not isinstance(value, str):
            continue
        for i, (s, e) in enumerate(sentence_spans(value)):
            rows.append((doc_id, i, value[s:e], s, e))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_index", "sentence", "start", "end"])


# ---------------------------------------------------------------------------- names

_CAPITALISED = r"[A-Z][\w'’\-]*"
_CONNECTOR = r"(?:of|for|the|and|de|du|des|al|el|bin|ibn|on|in|against|without)"
#: Two or more capitalised words, possibly joined by connectors ("Syrian Observatory for
#: Human Rights", "Party of God", "Free Syrian Army").
_TITLE_SPAN = re.compile(rf"(?<![\w'’\-]){_CAPITALISED}(?:(?:\s+{_CONNECTOR})*\s+{_CAPITALISED})+")
#: Characters after which a capitalised word opens a sentence.
_SENTENCE_END = frozenset('.!?"”’)]\n')
#: A month's name whose word is also a cue word ("May": a hedge).
_MONTH = re.compile(r"(?<![\w'’\-])May(?![\w'’\-])")


@lru_cache(maxsize=1)
def _known_names() -> re.Pattern[str] | None:
    names = sorted(load_lexicon("names").categories["organisation"], key=len, reverse=True)
    if not names:
        return None
    body = "|".join(r"\s+".join(map(re.escape, n.lower().split())) for n in names)
    return re.compile(rf"(?<![\w'’\-])(?:{body})(?![\w'’\-])")  # on lower-cased text


def name_spans(text: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Character spans of proper names in ``text``, sorted and not overlapping.

    A name is a run of two or more capitalised words (connectors such as "of", "for",
    "the" between them), the month "May" inside a sentence (not the modal verb), or a name
    of ``lexicons/names.yaml`` in any case. A run that
    opens a sentence needs three capitalised words, since its first word is capitalised
    anyway ("Human rights groups said" is no name; "Human Rights Watch said" is). A text
    written in capitals has no run-based names. Lexicon cues inside a name are not
    counted (:func:`toolkit.lexicon_counts`, frames, epistemic markers): the word names an
    organisation there ("Syrian Observatory for Human Rights", "Party of God").

    ``lowered``: ``text`` lower-cased with the same offsets, if the caller has it.

    Examples
    --------
    >>> text = "The Syrian Observatory for Human Rights said human rights were abused."
    >>> [text[a:b] for a, b in name_spans(text)]
    ['The Syrian Observatory for Human Rights']
    >>> other = "Human rights groups said the party of god won."
    >>> [other[a:b] for a, b in name_spans(other)]
    ['party of god']
    """
    spans: list[tuple[int, int]] = []
    if not text[:2000].isupper():  # a text in capitals has no case to read names from
        for m in _TITLE_SPAN.finditer(text):
            start = m.start()
            before = text[max(0, start - 4) : start].rstrip(" \t")
            opens = not before or before[-1] in _SENTENCE_END or before.endswith("\n")
            if opens and sum(w[:1].isupper() for w in m.group().split()) < 3:
                continue  # the first word is capitalised because it opens a sentence
            spans.append((start, m.end()))
        for m in _MONTH.finditer(text):  # "in May", "May 5": a date, not a modal verb
            before = text[max(0, m.start() - 4) : m.start()].rstrip(" \t")
            if before and before[-1] not in _SENTENCE_END:
                spans.append((m.start(), m.end()))
    known = _known_names()
    if known is not None:
        if lowered is None or len(lowered) != len(text):
            lowered = text.lower()
        if len(lowered) == len(text):  # (a few characters lengthen when lower-cased)
            spans.extend((m.start(), m.end()) for m in known.finditer(lowered))
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def clear_sentence_cache() -> None:
    """Forget the cached sentence spans (see :func:`sentence_spans`)."""
    _sentence_spans.cache_clear()
