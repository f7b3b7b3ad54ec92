"""Sentence vectors from a static word-embedding model shipped inside a PyPI package.

The model is WordLlama's 256-dimension "l2_supercat" (Miller 2024, MIT licence): token
embeddings taken from a large language model's input layer, trained to pool into sentence
vectors. Its weights and tokenizer are files inside the ``wordllama`` wheel, so it is
installed by pip like any dependency and loaded from the package's own folder with
downloads disabled: nothing is fetched at run time. A sentence vector costs a tokenizer
pass and a table look-up (about 15,000 sentences a second on one core), no neural network.

Used by :func:`toolkit.frames` to compare an article's sentences with example sentences
of each coding question.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib import import_module
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from toolkit.errors import ToolkitError

__all__ = ["MODEL", "embed"]

#: The package, the model configuration and its dimension.
MODEL: dict[str, Any] = {"package": "wordllama", "config": "l2_supercat", "dim": 256}


@lru_cache(maxsize=1)
def _model() -> Any:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        package = import_module(MODEL["package"])
    except ImportError as err:
        raise ToolkitError(
            "frames(method='combined') needs the wordllama package (a dependency of the "
            "toolkit: pip install 'wordllama>=0.4,<0.5'), or use method='cues'"
        ) from err
    finally:
        # wordllama configures the root logger when imported: put it back as it was
        root.handlers[:] = handlers
        root.setLevel(level)
    folder = Path(str(package.__file__)).parent  # weights/ and tokenizers/ ship in the wheel
    return package.WordLlama.load(
        config=MODEL["config"], dim=MODEL["dim"], cache_dir=folder, disable_download=True
    )


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The model's tokenizer without padding (each text's own tokens only)."""
    tokenizer = _model().tokenizer
    unpadded = type(tokenizer).from_str(tokenizer.to_str())
    unpadded.no_padding()
    return unpadded


#: Sentences embedded at a time (bounds the memory of the token vectors).
BATCH = 2048


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence vectors, one row per text.

    The model's pooling (the mean of a text's token vectors; Miller 2024), computed text by
    text so that a text's vector never depends on the other texts in the call: each text's
    token vectors are summed in order and scaled to length 1 (the mean's scale drops out).

    Parameters
    ----------
    texts : sequence of str
        Sentences (or any short texts).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(texts), 256)``, float64, each row of length 1 (0 for a text without
        tokens), so that a dot product is the cosine similarity.

    Examples
    --------
    >>> vectors = embed(["The council could fix the roads.", "Officials can repair streets."])
    >>> vectors.shape
    (2, 256)
    >>> bool(vectors[0] @ vectors[1] > embed(["It was sunny."])[0] @ vectors[1])
    True
    """
    model = _model()
    table = model.embedding
    out = np.zeros((len(texts), int(MODEL["dim"])), dtype=np.float64)
    for first in range(0, len(texts), BATCH):
        batch = list(texts[first : first + BATCH])
        ids = [e.ids for e in _tokenizer().encode_batch(batch, add_special_tokens=False)]
        lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
        if not lengths.any():
            continue
        tokens = np.clip(np.fromiter(chain.from_iterable(ids), dtype=np.int64), 0, len(table) - 1)
        # texts x vocabulary token counts times the token vectors: each row is summed from
        # its own tokens alone, in vocabulary order (the same whatever else is in the batch)
        rows = np.repeat(np.arange(len(batch)), lengths)
        counts = sparse.csr_matrix(
            (np.ones(len(tokens), dtype=np.float32), (rows, tokens)), shape=(len(batch), len(table))
        )
        sums = np.asarray(counts @ table, dtype=np.float64)
        norms = np.sqrt(np.einsum("ij,ij->i", sums, sums))
        out[first : first + len(batch)] = np.divide(
            sums, norms[:, None], out=np.zeros_like(sums), where=norms[:, None] > 0
        )
    return out
