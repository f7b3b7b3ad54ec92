"""A fast engine for TextBlob's default sentiment (the pattern library's analyzer), exact.

``TextBlob(text).sentiment`` runs pattern's ``Sentiment``: the text is cut into tokens by
pattern's tokenizer (contractions and quotes split off, leading and trailing punctuation
split from each word unless it ends an abbreviation, sentences found at . ! ? ... and blank
lines, "( ! )" and spaced emoticons re-joined within a sentence), lower-cased, and read once
left to right: a word of the ``en-sentiment.xml`` lexicon is an assessment; an adverb of the
lexicon before it multiplies its polarity and subjectivity by the adverb's intensity; "no",
"not", "never" before it (across words of one letter) halves and flips its polarity; "!"
raises the last assessment by a quarter; "(!)" and emoticons are assessments of their own.
Polarity and subjectivity are the means over the assessments.

The reference runs these steps in pure Python on every token, twice over (once to split
sentences, once to assess). This engine does the same steps on the same data (the lexicon
TextBlob loads) but lets regular expressions and set look-ups find the few tokens where
something happens: only tokens with punctuation at an edge are split in Python, only
sentence ends are visited to find sentences, and only lexicon words, negations, "!", "(!)"
and emoticons (with the words right after a pending modifier or negation) are assessed.
Its scores are tested to equal the reference's exactly (``tests/test_pattern_engine.py``:
FA-KES, rule cases and generated text).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from typing import Any

__all__ = ["PatternEngine", "pattern_engine"]


class PatternEngine:
    """pattern's ``Sentiment.__call__`` for strings, on the lexicon TextBlob loads."""

    def __init__(self) -> None:
        from textblob import _text as ref
        from textblob.en import sentiment as reference

        reference("good")  # the lexicon is loaded lazily
        words: dict[str, Any] = dict(dict.items(reference))
        modifiers = tuple(reference.modifiers)
        #: word -> (polarity, subjectivity, intensity, is a modifier)
        self.lexicon: dict[str, tuple[float, float, float, bool]] = {
            w: (*entry[None], any(m in entry for m in modifiers)) for w, entry in words.items()
        }
        self.negations = frozenset(reference.negations)
        self.modifier = reference.modifier
        punctuation = ref.PUNCTUATION
        self.punct_chars = frozenset(punctuation.replace(".", ""))
        self.abbreviations = ref.ABBREVIATIONS
        patterns = (ref.RE_ABBR1, ref.RE_ABBR2, ref.RE_ABBR3)
        if any(p.flags != patterns[0].flags for p in patterns):
            raise RuntimeError("TextBlob's abbreviation patterns changed: update the engine")
        #: one match of the alternation is a match of any of the three patterns
        self.abbr_re = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
        # The reference substitutes each contraction in turn ("'d" -> " 'd", ...). No
        # substitution can create or remove a match of another (each puts a space before
        # an apostrophe that is followed by a different letter) and no two overlap, so one
        # pass over their alternation gives the same text.
        self.contractions = dict(ref.replacements)
        self.contraction_re = re.compile("|".join(map(re.escape, self.contractions)))
        self.eos = ref.EOS
        self.sarcasm = ref.RE_SARCASM
        self.emoticon_re = ref.RE_EMOTICONS
        # The emoticons assess() can match: lower-cased, first type in dict order wins,
        # only tokens that are not alphabetic, at most 5 characters and not a substring of
        # the punctuation string are looked up.
        emoticons: dict[str, float] = {}
        for (_type, polarity), forms in ref.EMOTICONS.items():
            for form in forms:
                low = form.lower()
                if low.isalpha() is False and len(low) <= 5 and low not in punctuation:
                    emoticons.setdefault(low, polarity)
        self.emoticons = emoticons
        self.mood, self.irony = ref.MOOD, ref.IRONY
        # the tagger's data: TextBlob's English lexicon, its number pattern, suffix rules
        from textblob.en import lexicon as tag_lexicon

        tag_lexicon.get("the")  # loaded lazily
        self.tag_lexicon: dict[str, str] = dict(dict.items(tag_lexicon))
        if not all(isinstance(t, str) and t for t in self.tag_lexicon.values()):
            raise RuntimeError("TextBlob's tag lexicon holds an empty tag: update the engine")
        self.cd = ref.CD
        self.suffix_rules = ref._suffix_rules
        self.interesting = (
            frozenset(self.lexicon) | self.negations | frozenset(emoticons) | {"!", "(!)"}
        )
        # A token is split when it starts with punctuation or ends with it or a period.
        self.edge_chars = self.punct_chars | {"."}
        self.paragraph = re.compile(r"\n{2,}")
        self.ends = frozenset(("...", ".", "!", "?", self.eos))
        # Tokens that continue a sentence end; quotes always stop it in the reference
        # (it counts them in a sentence that is still empty at that point).
        self.cont = frozenset(("”", "’", "...", ".", "!", "?", ")", self.eos))

    # -------------------------------------------------------------------- tokens

    def _split_token(self, t: str) -> list[str]:
        """pattern's split of one token with punctuation at an edge."""
        head: list[str] = []
        punct = self.punct_chars
        while t and t[0] in punct:
            head.append(t[0])
            t = t[1:]
        tail: list[str] = []
        while t and (t[-1] in punct or t[-1] == "."):
            if t[-1] in punct:
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in self.abbreviations or self.abbr_re.match(t):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t:
            head.append(t)
        head.extend(reversed(tail))
        return head

    def words(self, text: str) -> list[str]:
        """The lower-cased words pattern's analyzer reads for ``text``, in order."""
        return self._joined(text).lower().split()

    def sentences(self, text: str) -> list[list[str]]:
        """pattern's tokenizer (``textblob.en.tokenize``): sentences as lists of tokens."""
        joined = self._joined(text)
        return [s.split(" ") for s in joined.split("\n")] if joined else []

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``textblob.en.tag(text)``: (token, Penn Treebank tag) for every token.

        TextBlob's English parser tags a token by its lexicon entry (the lower-cased
        entry too for a sentence's first token); an unknown token is NNP when title-cased,
        CD when made of digits and number punctuation, else tagged by suffix rules. It
        uses neither contextual rules nor morphology files, so every token is tagged on
        its own; the tag string's slash escaping is undone as the reference does.
        """
        get, suffix_rules, cd = self.tag_lexicon.get, self.suffix_rules, self.cd
        out: list[tuple[str, str]] = []
        for sentence in self.sentences(text):
            # every lexicon tag is a non-empty string (checked on loading): None marks
            # the tokens the rules tag
            tags: list[str | None] = list(map(get, sentence))
            if tags and tags[0] is None:
                tags[0] = get(sentence[0].lower())
            if None in tags:
                k = -1
                for _ in range(tags.count(None)):
                    k = tags.index(None, k + 1)
                    token = sentence[k]
                    if token.istitle():
                        tags[k] = "NNP"
                    elif cd.match(token) is not None:
                        tags[k] = "CD"
                    else:
                        tags[k] = suffix_rules([token, "NN"])[1]
            out += zip(sentence, tags, strict=True)  # type: ignore[arg-type]
        if "&slash;" in text:
            out = [(w.replace("&slash;", "/"), t) for w, t in out]
        return out

    def _joined(self, text: str) -> str:
        """pattern's sentences after its regular expressions, joined by newlines."""
        if "'" in text:
            text = self.contraction_re.sub(self._contraction, text)
        text = (
            text.replace("“", " “ ")
            .replace("”", " ” ")
            .replace("‘", " ‘ ")
            .replace("’", " ’ ")
            .replace("'", " ' ")
            .replace('"', ' " ')
        )
        text = text.replace("\r\n", "\n")
        if "\n\n" in text:
            text = self.paragraph.sub(f" {self.eos} ", text)
        # The reference collapses whitespace (regex \s, the same characters as str.split)
        # and cuts at single spaces: str.split() gives the same tokens.
        raw = text.split()
        punct, edge = self.punct_chars, self.edge_chars
        cut = [k for k, t in enumerate(raw) if t[0] in punct or t[-1] in edge]
        if cut:
            tokens: list[str] = []
            prev = 0
            for k in cut:
                tokens += raw[prev:k]
                tokens += self._split_token(raw[k])
                prev = k + 1
            tokens += raw[prev:]
        else:
            tokens = raw
        sentences = self._sentences(tokens)
        # Sentences joined by a newline: the reference's per-sentence regular expressions
        # match a literal space inside a form and "$" or whitespace after it, so a newline
        # keeps them from reaching across sentences exactly as separate strings do.
        joined = "\n".join(" ".join(s) for s in sentences)
        if "!" in joined:
            joined = self.sarcasm.sub("(!)", joined)
        return str(self.emoticon_re.sub(self._join_emoticon, joined))

    def _contraction(self, match: re.Match[str]) -> str:
        return self.contractions[match.group(0)]

    @staticmethod
    def _join_emoticon(match: re.Match[str]) -> str:
        return match.group(1).replace(" ", "") + match.group(2)

    def _sentences(self, tokens: list[str]) -> list[list[str]]:
        ends, cont, eos = self.ends, self.cont, self.eos
        n = len(tokens)
        out: list[list[str]] = []
        start = 0
        nxt = 0
        for j in compress(range(n), map(ends.__contains__, tokens)):
            if j < nxt:
                continue
            k = j
            while k < n and tokens[k] in cont:
                k += 1
            part = tokens[start:k]
            if eos in part:
                part = [t for t in part if t != eos]
            if part:
                out.append(part)
            start = k
            nxt = k + 1
        if start < n:
            out.append(tokens[start:])
        return out

    # -------------------------------------------------------------------- scores

    def assessments(self, words: list[str]) -> list[tuple[list[str], float, float, Any]]:
        """pattern's ``(words, polarity, subjectivity, label)`` assessments of ``words``."""
        lexicon, negations, interesting = self.lexicon, self.negations, self.interesting
        a: list[list[Any]] = []  # [words, p, s, i, n, label]
        m: str | None = None
        neg: str | None = None
        n_words = len(words)
        hits = list(compress(range(n_words), map(interesting.__contains__, words)))
        hits.append(n_words)
        k = 0
        for hit in hits:
            # The words between two interesting ones change only a pending modifier or
            # negation; once both are gone the rest of the gap does nothing.
            while k < hit and (m is not None or neg is not None):
                w = words[k]
                if neg and len(w.strip("'")) > 1:
                    neg = None
                m, neg = self._pending(w, m, neg, a)
                k += 1
            if hit == n_words:
                break
            w = words[hit]
            k = hit + 1
            entry = lexicon.get(w)
            if entry is not None:
                p, s, i, is_modifier = entry
                if m is None:
                    a.append([[w], p, s, i, 1, None])
                else:
                    last = a[-1]
                    last[0].append(w)
                    last[1] = max(-1.0, min(p * last[3], +1.0))
                    last[2] = max(-1.0, min(s * last[3], +1.0))
                    last[3] = i
                    last[5] = None
                if neg is not None:
                    last = a[-1]
                    last[0].insert(0, neg)
                    last[3] = 1.0 / last[3]
                    last[4] = -1
                m = w if is_modifier else None
                neg = w if w in negations else None
                continue
            if w in negations:
                neg = w
            elif neg and len(w.strip("'")) > 1:
                neg = None
            m, neg = self._pending(w, m, neg, a)
            if w == "!" and a:
                a[-1][0].append("!")
                a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
            if w == "(!)":
                a.append([[w], 0.0, 1.0, 1.0, 1, self.irony])
            polarity = self.emoticons.get(w)
            if polarity is not None:
                a.append([[w], polarity, 1.0, 1.0, 1, self.mood])
        return [(x[0], x[1] * -0.5 if x[4] < 0 else x[1], x[2], x[5]) for x in a]

    def _pending(
        self, w: str, m: str | None, neg: str | None, a: list[list[Any]]
    ) -> tuple[str | None, str | None]:
        """After a word outside the lexicon: a negation after a modifier ("really not")
        negates the modifier's assessment; a word of three letters or more ends a pending
        modifier ("really is a good" keeps it)."""
        if neg is not None and m is not None and self.modifier(m):
            a[-1][0].append(neg)
            a[-1][4] = -1
            return m, None
        if m and len(w) > 2:
            return None, neg
        return m, neg

    def sentiment(self, text: str) -> tuple[float, float]:
        """``(polarity, subjectivity)`` as ``TextBlob(text).sentiment`` gives them."""
        a = self.assessments(self.words(text))
        polarity = subjectivity = 0.0
        for _, p, s, _ in a:
            polarity += p
            subjectivity += s
        count = float(len(a) or 1)
        return polarity / count, subjectivity / count


@lru_cache(maxsize=1)
def pattern_engine() -> PatternEngine:
    """The shared :class:`PatternEngine` (the lexicon is loaded once)."""
    return PatternEngine()
