"""media-framing-toolkit: compare how news outlets frame the same events.

Data flows one way: a corpus (DataFrame, index ``doc_id``) -> tokens -> sparse matrices ->
tidy result tables -> figures. The modules stand on eight floors; a module imports only
from its own floor or those below (``lint-imports`` checks it, ``make test`` runs it):

==============  =========================================================================
apps            ``cli`` (the ``toolkit`` command), ``report`` (``toolkit report``,
                ``make demo``), ``stream`` (features of a corpus larger than memory),
                ``fetch`` (``toolkit fetch``: the pages of a URL list, politely)
figures         ``plot`` (articles, comparisons, profiles; re-exports every figure),
                ``plot_words`` (labels, keyness, trends, mixes, similarity, timeline),
                ``figure_style`` (one colour and order per category, group styles)
analysis        ``features`` (one row per article, every family), ``compare`` (group
                means with an article bootstrap, tests), ``outlets`` (similarity,
                discrimination), ``events`` (matched events), ``validate``
measures        ``dtm`` (the document-term matrix), ``terms`` (frequencies, kwic,
                collocations, trends), ``keyness``, ``sentiment`` (TextBlob, VADER,
                drivers), ``targets`` (sentiment toward named targets), ``lexicon``,
                ``framing`` (generic frames), ``labelling`` (contested labels), ``stance``
                (hedges, boosters), ``quotes`` with ``reported`` (who speaks), ``agency``
                (who did it), ``copies`` (near-duplicates)
engines         ``_match`` (the one term matcher), ``_pattern`` and ``_vader`` (exact
                TextBlob and VADER), ``embeddings`` (sentence vectors), ``cache``
input           ``loading`` (:func:`load_corpus`, :func:`as_corpus`), ``sources``
                (files into batches), ``corpus`` (batches into a checked corpus),
                ``schema``, ``readers`` (rows of CSV, JSON Lines, Parquet), ``files``
                (decompression, decoding, folders), ``summary`` (:func:`corpus_problems`,
                :func:`summarise_corpus`), ``chunks`` (streaming input), ``distributed``
                (dask input), ``datasets`` (:func:`load_fakes`), ``nexis`` and ``factiva``
                (archive exports), ``webpages`` (saved pages), ``archivetext`` (their
                paragraphs and dates), ``urllists`` (:func:`load_url_list`)
text            ``text`` (the tokenizer, sentence splitter, stop words), ``articles``
                (:func:`parse_article`), ``clean`` with ``boilerplate`` and
                ``cleanrules`` (credit lines, footers), ``quotemarks`` (quote spans),
                ``speakers`` and ``sourcephrases`` (who a phrase names, reporting verbs,
                source types)
base            ``errors``, ``config`` (cache folder, chunk size), ``memo`` (bounded
                per-text caches), ``dispatch`` (the one ``n_jobs``/dask dispatch, the
                ``per_article`` decorator), ``wordlists`` (YAML lists with provenance),
                ``_stats`` (G2, the one bootstrap), ``_version``
==============  =========================================================================

Plotting and reporting load only when used; importing the package changes nothing
process-wide.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit._version import __version__
from toolkit.agency import agency, agency_features
from toolkit.articles import ParsedArticle, parse_article
from toolkit.compare import category_shares, compare, group_tests
from toolkit.copies import near_duplicates
from toolkit.corpus import combine_corpora
from toolkit.datasets import load_fakes, open_corpus
from toolkit.dtm import DocumentTermMatrix, document_term_matrix
from toolkit.errors import CorpusError, CorpusWarning
from toolkit.events import describe_events, match_events
from toolkit.features import feature_descriptions, features
from toolkit.framing import frames
from toolkit.keyness import keyness
from toolkit.labelling import label_shares, labels
from toolkit.lexicon import lexicon_counts, load_lexicon
from toolkit.loading import as_corpus, load_corpus
from toolkit.outlets import discriminate, outlet_similarity
from toolkit.quotes import quote_features, quotes
from toolkit.sentiment import sentiment, sentiment_drivers
from toolkit.stance import epistemic
from toolkit.summary import corpus_fingerprint, corpus_problems, summarise_corpus, timeline
from toolkit.targets import target_mentions, target_sentiment
from toolkit.terms import collocations, kwic, term_frequencies, term_trends
from toolkit.text import sentences, split_sentences, tokenize, tokens
from toolkit.urllists import load_url_list
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
    "load_url_list",
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
