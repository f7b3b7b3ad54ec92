"""A linear-time engine for VADER's sentiment rules (Hutto & Gilbert 2014), exact to the digit.

The reference implementation (vaderSentiment 3.3.2) lower-cases the whole token list again
for every lexicon hit, so its running time grows with the square of the text's length.
This engine applies the same rules (lexicon valence; "no" before a lexicon word; ALL-CAPS
emphasis; boosters and dampeners over the three preceding tokens, damped by distance;
negation, "never so", "without doubt"; special idioms; "least"; the contrastive "but"; "!"
and "?" emphasis; the compound normalisation and the pos/neu/neg split), with the package's
own lexicon, booster, negation and idiom lists, on a token list lower-cased once. Its scores
are tested to equal ``SentimentIntensityAnalyzer().polarity_scores`` exactly, on FA-KES and
on generated text, and it is used only where that parity holds.
"""

from __future__ import annotations

import bisect
import math
import string
from functools import lru_cache
from itertools import compress
from typing import Any

__all__ = ["VaderEngine", "vader_engine"]


class VaderEngine:
    """VADER's rules on pre-lowered tokens; :meth:`polarity_scores` as the reference's."""

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as ref

        analyzer = ref.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = analyzer.lexicon
        self.emojis: dict[str, str] = analyzer.emojis
        self.boosters: dict[str, float] = ref.BOOSTER_DICT
        self.special: dict[str, float] = ref.SPECIAL_CASES
        self.negations = frozenset(ref.NEGATE)
        self.n_scalar: float = ref.N_SCALAR
        self.c_incr: float = ref.C_INCR
        self.emoji_chars = frozenset(self.emojis)
        self.punct = frozenset(string.punctuation)
        #: tokens that let a rule change the valence of a word up to three tokens later
        self.breakers = (
            frozenset(self.boosters)
            | self.negations
            | {"no", "least", "so", "this", "never", "without", "doubt", "or", "nor"}
        )
        #: words of the multi-word idioms and boosters (an n-gram needs one of them)
        self.idiom_words = frozenset(
            w for phrase in [*self.special, *self.boosters] if " " in phrase for w in phrase.split()
        )

    # -------------------------------------------------------------------- text

    def _replace_emojis(self, text: str) -> str:
        if self.emoji_chars.isdisjoint(text):
            return text.strip()
        out = []
        prev_space = True
        for ch in text:
            if ch in self.emoji_chars:
                if not prev_space:
                    out.append(" ")
                out.append(self.emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out).strip()

    @staticmethod
    def _token(raw: str) -> str:
        stripped = raw.strip(string.punctuation)
        return raw if len(stripped) <= 2 else stripped

    def _words(self, clean: str) -> tuple[list[str], list[str]]:
        """The reference's tokens (punctuation stripped from words longer than two
        characters) and their lower-cased forms."""
        return self._normalise_words(clean.split(), clean)

    def _normalise_words(self, words: list[str], clean: str) -> tuple[list[str], list[str]]:
        """``clean.split()`` (given as ``words``, changed in place) with the reference's
        punctuation stripping, and the lower-cased forms."""
        punct = self.punct
        edges = [k for k, t in enumerate(words) if t[0] in punct or t[-1] in punct]
        for k in edges:
            words[k] = self._token(words[k])
        if not words or "\x00" in clean:
            return words, [w.lower() for w in words]
        # one lower() over the joined tokens; lower-casing never creates a NUL
        return words, "\x00".join(words).lower().split("\x00")

    def _negated(self, word: str) -> bool:
        return word in self.negations or "n't" in word

    # -------------------------------------------------------------------- rules

    def _valences(self, words: list[str], lower: list[str] | None = None) -> list[float]:
        """The reference's ``sentiments`` list for a token list: every rule, "but" too."""
        if lower is None:
            lower = [w.lower() for w in words]
        sentiments, hits = self._before_but(words, lower)
        if hits and "but" in lower:
            self._but(lower.index("but"), sentiments, hits)
        return sentiments

    def _before_but(self, words: list[str], lower: list[str]) -> tuple[list[float], list[int]]:
        """Each token's valence before the contrastive "but" rule, and the positions of the
        lexicon words (tokens outside the lexicon, and boosters, score 0 whatever surrounds
        them: only lexicon words are visited)."""
        lexicon = self.lexicon
        hits = list(compress(range(len(lower)), map(lexicon.__contains__, lower)))
        sentiments: list[float] = [0] * len(words)
        if not hits:
            return sentiments, hits
        hit_set = set(hits)
        cap_diff = self._cap_diff(words)
        valence_at = self._valence_at
        for i in hits:
            sentiments[i] = valence_at(i, words, lower, hit_set, cap_diff)
        return sentiments, hits

    @staticmethod
    def _cap_diff(words: list[str]) -> bool:
        """Some but not all tokens in capitals (any/all stop at the first deciding token)."""
        return any(map(str.isupper, words)) and not all(map(str.isupper, words))

    def _valence_at(
        self, i: int, words: list[str], lower: list[str], hit_set: set[int], cap_diff: bool
    ) -> float:
        """The valence of lexicon word ``i`` before the "but" rule. It reads at most three
        tokens before ``i`` and two after it, besides ``hit_set`` and ``cap_diff``."""
        n = len(words)
        low = lower[i]
        boosters, idiom_words = self.boosters, self.idiom_words
        if low in boosters or (i < n - 1 and low == "kind" and lower[i + 1] == "of"):
            return 0
        valence = self.lexicon[low]
        # A word with no booster, negation, "no", "least", "so"/"this" or idiom word in
        # the three tokens before it keeps its lexicon valence (the rules below would
        # add 0.0 and multiply by nothing); only the capitals rule applies.
        window = lower[i - 3 : i] if i >= 3 else lower[:i]
        if (
            low != "no"
            and self.breakers.isdisjoint(window)
            and not any("n't" in w for w in window)
            and (i < 3 or idiom_words.isdisjoint(lower[i - 3 : i + 3]))
        ):
            if cap_diff and words[i].isupper():
                valence = valence + self.c_incr if valence > 0 else valence - self.c_incr
            return valence
        if low == "no" and i != n - 1 and (i + 1) in hit_set:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
        ):
            valence = self.lexicon[low] * self.n_scalar
        if cap_diff and words[i].isupper():
            valence = valence + self.c_incr if valence > 0 else valence - self.c_incr
        for start in range(3):
            j = i - (start + 1)
            if i > start and j not in hit_set:
                scalar = 0.0
                if lower[j] in boosters:
                    scalar = boosters[lower[j]]
                    if valence < 0:
                        scalar *= -1
                    if words[j].isupper() and cap_diff:
                        scalar = scalar + self.c_incr if valence > 0 else scalar - self.c_incr
                if start == 1 and scalar != 0:
                    scalar = scalar * 0.95
                if start == 2 and scalar != 0:
                    scalar = scalar * 0.9
                valence = valence + scalar
                valence = self._negation(valence, lower, start, i)
                if start == 2 and not idiom_words.isdisjoint(lower[i - 3 : i + 3]):
                    valence = self._idioms(valence, lower, i)
        if i > 0 and lower[i - 1] == "least" and (i - 1) not in hit_set:
            valence = self._least(valence, lower, i)
        return valence

    def _negation(self, valence: float, lower: list[str], start: int, i: int) -> float:
        if start == 0:
            if self._negated(lower[i - 1]):
                valence = valence * self.n_scalar
        elif start == 1:
            if lower[i - 2] == "never" and lower[i - 1] in ("so", "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                pass
            elif self._negated(lower[i - 2]):
                valence = valence * self.n_scalar
        else:
            if (lower[i - 3] == "never" and lower[i - 2] in ("so", "this")) or lower[i - 1] in (
                "so",
                "this",
            ):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                pass
            elif self._negated(lower[i - 3]):
                valence = valence * self.n_scalar
        return valence

    def _idioms(self, valence: float, lower: list[str], i: int) -> float:
        special = self.special
        one_zero = f"{lower[i - 1]} {lower[i]}"
        two_one_zero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
        two_one = f"{lower[i - 2]} {lower[i - 1]}"
        three_two_one = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
        three_two = f"{lower[i - 3]} {lower[i - 2]}"
        for seq in (one_zero, two_one_zero, two_one, three_two_one, three_two):
            if seq in special:
                valence = special[seq]
                break
        n = len(lower)
        if n - 1 > i:
            zero_one = f"{lower[i]} {lower[i + 1]}"
            if zero_one in special:
                valence = special[zero_one]
        if n - 1 > i + 1:
            zero_one_two = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
            if zero_one_two in special:
                valence = special[zero_one_two]
        for gram in (three_two_one, three_two, two_one):
            if gram in self.boosters:
                valence = valence + self.boosters[gram]
        return valence

    def _least(self, valence: float, lower: list[str], i: int) -> float:
        # called when the previous token is "least" and outside the lexicon
        if i > 1:
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * self.n_scalar
        else:
            valence = valence * self.n_scalar
        return valence

    @staticmethod
    def _but(but_at: int, sentiments: list[float], hits: list[int]) -> None:
        # The reference rescales, in list order, the FIRST position holding each value (its
        # list.index), as the list changes; with repeated values that is not the position
        # being visited. Reproduced exactly, in near-linear time, by keeping the positions
        # of each value. Zeros stay zero and no other value equals them, so only the
        # lexicon hits (the only non-zero positions) are visited.
        positions: dict[float, list[int]] = {}
        for index in hits:
            value = sentiments[index]
            if value != 0:
                positions.setdefault(value, []).append(index)
        for k in hits:
            value = sentiments[k]
            if value == 0:
                continue
            first = positions[value][0]
            if first < but_at:
                new = value * 0.5
            elif first > but_at:
                new = value * 1.5
            else:
                continue
            sentiments[first] = new
            if new != value:
                held = positions[value]
                held.pop(0)
                if not held:
                    del positions[value]
                bisect.insort(positions.setdefault(new, []), first)

    # -------------------------------------------------------------------- scores

    @staticmethod
    def _emphasis(text: str) -> float:
        exclamations = min(text.count("!"), 4) * 0.292
        questions = text.count("?")
        if questions > 1:
            return exclamations + (questions * 0.18 if questions <= 3 else 0.96)
        return exclamations + 0

    @staticmethod
    def _normalize(score: float, alpha: float = 15) -> float:
        norm = score / math.sqrt((score * score) + alpha)
        return -1.0 if norm < -1.0 else 1.0 if norm > 1.0 else norm

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's ``neg, neu, pos, compound`` for ``text``, as the reference computes them."""
        clean = self._replace_emojis(text)
        words, lower = self._words(clean)
        sentiments, hits = self._before_but(words, lower)
        if hits and "but" in lower:
            self._but(lower.index("but"), sentiments, hits)
        return self._scores(sentiments, hits, clean)

    def _total(self, sentiments: list[float], clean: str) -> tuple[float, float]:
        """The summed valences with the "!"/"?" emphasis added, and the emphasis."""
        total = float(sum(sentiments))
        emphasis = self._emphasis(clean)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        return total, emphasis

    def _scores(self, sentiments: list[float], hits: list[int], clean: str) -> dict[str, float]:
        """The reference's scores from the final valences; ``hits`` holds every position
        that can be non-zero (the lexicon words: the rules only scale them)."""
        if not sentiments:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        total, emphasis = self._total(sentiments, clean)
        compound = self._normalize(total)
        pos_sum = neg_sum = 0.0
        # the sums over the non-zero valences in text order, as the reference adds them;
        # every other token counts as neutral
        neu_count = len(sentiments)
        for i in hits:
            s = sentiments[i]
            if s > 0:
                pos_sum += float(s) + 1
                neu_count -= 1
            elif s < 0:
                neg_sum += float(s) - 1
                neu_count -= 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += emphasis
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= emphasis
        denominator = pos_sum + math.fabs(neg_sum) + neu_count
        return {
            "neg": round(math.fabs(neg_sum / denominator), 3),
            "neu": round(math.fabs(neu_count / denominator), 3),
            "pos": round(math.fabs(pos_sum / denominator), 3),
            "compound": round(compound, 4),
        }

    def with_sentences(
        self, text: str, spans: list[tuple[int, int]]
    ) -> tuple[dict[str, float], list[float]]:
        """``polarity_scores(text)`` and ``polarity_scores(text[s:e])["compound"]`` for
        each sentence span, from one pass over the text's tokens.

        When the sentences together hold exactly the text's tokens (nothing but whitespace
        between and around them, no emoji), a sentence's valences are the text's, except
        for a lexicon word whose rules read past the sentence (within three tokens of its
        start or two of its end), and for the capitals rule when the sentence alone is all
        capitals: those few are recomputed in the sentence. The "but" rule, "!"/"?" and the
        normalisation are then applied per sentence, as the reference does. Otherwise every
        sentence is scored on its own.
        """
        shared = self.emoji_chars.isdisjoint(text)
        prev = 0
        for s, e in spans:
            if s < prev or not (s == prev == 0 or text[prev:s].isspace()):
                shared = False
                break
            prev = e
        if not shared or not (prev == len(text) or text[prev:].isspace()):
            return self.polarity_scores(text), [
                self.polarity_scores(text[s:e])["compound"] for s, e in spans
            ]
        raw: list[str] = []
        bounds = [0]
        for s, e in spans:
            raw += text[s:e].split()
            bounds.append(len(raw))
        clean = text.strip()
        words, lower = self._normalise_words(raw, clean)
        sentiments, hits = self._before_but(words, lower)
        cap_diff = bool(hits) and self._cap_diff(words)
        compounds: list[float] = []
        for k, (s, e) in enumerate(spans):
            a, b = bounds[k], bounds[k + 1]
            part = sentiments[a:b]
            if not part:
                compounds.append(0.0)
                continue
            lo, hi = bisect.bisect_left(hits, a), bisect.bisect_left(hits, b)
            if lo < hi:
                local = [i - a for i in hits[lo:hi]]
                own_cap = cap_diff
                if cap_diff and all(map(str.isupper, words[a:b])):
                    own_cap = False
                redo = [i for i in local if own_cap != cap_diff or i < 3 or i >= b - a - 2]
                if redo:
                    swords, slower, sset = words[a:b], lower[a:b], set(local)
                    for i in redo:
                        part[i] = self._valence_at(i, swords, slower, sset, own_cap)
                if "but" in lower[a:b]:
                    self._but(lower.index("but", a, b) - a, part, local)
            total, _ = self._total(part, text[s:e])
            compounds.append(round(self._normalize(total), 4))
        if hits and "but" in lower:
            self._but(lower.index("but"), sentiments, hits)
        return self._scores(sentiments, hits, clean), compounds


@lru_cache(maxsize=1)
def vader_engine() -> Any:
    """The shared :class:`VaderEngine` (its lexicon is loaded once)."""
    return VaderEngine()
