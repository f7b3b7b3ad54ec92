"""media-framing-toolkit: compare how news outlets frame the same events.

Data flows one way, one module per stage:

==================  =====================================================================
``corpus``          :func:`load_corpus`, :func:`as_corpus`: files or a DataFrame to a
                    corpus (DataFrame, index ``doc_id``); :func:`corpus_problems`,
                    :func:`summarise_corpus`
``articles``        :func:`parse_article`: raw scraped text to headline, lede, dateline, body
``datasets``        public corpora with download, checksum and cache (:func:`load_fakes`)
``text``            the one tokenizer (:func:`tokenize`, :func:`tokens`), sentence splitter
                    (:func:`split_sentences`, :func:`sentences`), stop words, phrases
``terms``           :func:`document_term_matrix` (sparse, with its labels),
                    :func:`term_frequencies`, :func:`kwic`, :func:`collocations`,
                    :func:`term_trends`
``keyness``         :func:`keyness`: G2, Log Ratio, Fightin' Words, article bootstrap
``lexicon``         lexicon files with provenance (:func:`load_lexicon`), counting by voice
                    (:func:`lexicon_counts`)
``framing``         :func:`frames` (generic news frames), :func:`labels` and
                    :func:`label_shares` (contested labels), :func:`epistemic`
``agency``          :func:`agency` (active, passive, agentless, intransitive, nominal),
                    :func:`agency_features` (agent-deletion rate)
``features``        :func:`features`: one row per article with every feature family;
                    :func:`feature_descriptions` documents each column
``validate``        :func:`validate` (precision, recall, F1, ROC AUC, Spearman against hand
                    codes), :func:`krippendorff_alpha`
``quotes``          :func:`quotes` (direct, indirect, "according to"; speakers resolved),
                    :func:`quote_features` (sourcing per article)
``sentiment``       :func:`sentiment` (TextBlob and VADER per article, sentence, headline),
                    :func:`target_sentiment`, :func:`target_mentions`, :func:`sentiment_drivers`
``compare``         :func:`compare` (group means, article bootstrap), :func:`group_tests`
                    (Kruskal-Wallis, Mann-Whitney U, Cliff's delta, BH),
                    :func:`outlet_similarity`, :func:`discriminate`, :func:`match_events`,
                    :func:`describe_events`
``plot``            seaborn figures that take tidy tables and return Axes (loaded lazily)
``report``          the report written by ``toolkit report`` and ``make demo``
``cli``             the ``toolkit`` command
==================  =====================================================================

Lower modules never import higher ones; plotting and reporting load only when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit._version import __version__
from toolkit.agency import agency, agency_features
from toolkit.articles import ParsedArticle, parse_article
from toolkit.compare import (
    category_shares,
    compare,
    describe_events,
    discriminate,
    group_tests,
    match_events,
    outlet_similarity,
)
from toolkit.copies import near_duplicates
from toolkit.corpus import combine_corpora
from toolkit.datasets import load_fakes, open_corpus
from toolkit.errors import CorpusError, CorpusWarning
from toolkit.features import feature_descriptions, features
from toolkit.framing import epistemic, frames, label_shares, labels
from toolkit.keyness import keyness
from toolkit.lexicon import lexicon_counts, load_lexicon
from toolkit.loading import as_corpus, load_corpus
from toolkit.quotes import quote_features, quotes
from toolkit.sentiment import sentiment, sentiment_drivers, target_mentions, target_sentiment
from toolkit.summary import corpus_fingerprint, corpus_problems, summarise_corpus, timeline
from toolkit.terms import (
    DocumentTermMatrix,
    collocations,
    document_term_matrix,
    kwic,
    term_frequencies,
    term_trends,
)
from toolkit.text import sentences, split_sentences, tokenize, tokens
from toolkit.validate import krippendorff_alpha, sample_for_coding, validate

if TYPE_CHECKING:
    from toolkit import plot as plot

#: The corpus folder shipped in a source checkout of the toolkit (``corpus/``).
SHIPPED_CORPUS: Path = Path(__file__).resolve().parent.parent / "corpus"

__all__ = [
    "SHIPPED_CORPUS",
    "CorpusError",
    "CorpusWarning",
    "DocumentTermMatrix",
    "ParsedArticle",
    "__version__",
    "agency",
    "agency_features",
    "as_corpus",
    "category_shares",
    "collocations",
    "combine_corpora",
    "compare",
    "corpus_fingerprint",
    "corpus_problems",
    "describe_events",
    "discriminate",
    "document_term_matrix",
    "epistemic",
    "feature_descriptions",
    "features",
    "frames",
    "group_tests",
    "keyness",
    "krippendorff_alpha",
    "kwic",
    "label_shares",
    "labels",
    "lexicon_counts",
    "load_corpus",
    "load_fakes",
    "load_lexicon",
    "match_events",
    "near_duplicates",
    "open_corpus",
    "outlet_similarity",
    "parse_article",
    "plot",
    "quote_features",
    "quotes",
    "sample_for_coding",
    "sentences",
    "sentiment",
    "sentiment_drivers",
    "split_sentences",
    "summarise_corpus",
    "target_mentions",
    "target_sentiment",
    "term_frequencies",
    "term_trends",
    "timeline",
    "tokenize",
    "tokens",
    "validate",
]

_LAZY_MODULES = {"plot", "report", "distributed", "stream", "cache"}


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f"toolkit.{name}")
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
