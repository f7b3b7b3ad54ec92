"""Public news corpora: download once with a checksum, cache, load as a corpus.

Only an explicit call such as :func:`load_fakes` ever touches the network, and only to fetch
a file whose digest is known; everything else in the toolkit works offline.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.clean import clean_corpus
from toolkit.config import cache_dir
from toolkit.corpus import combine_corpora, flag_duplicates
from toolkit.errors import DatasetError
from toolkit.loading import load_corpus
from toolkit.schema import Errors

__all__ = [
    "FAKES_MD5",
    "FAKES_OUTLETS",
    "FAKES_URL",
    "DatasetError",
    "cache_dir",
    "load_fakes",
    "open_corpus",
]

FAKES_FILE = "FA-KES-Dataset.csv"
#: Zenodo record 2607278 (doi:10.5281/zenodo.2607278), CC BY 4.0.
FAKES_URL = "https://zenodo.org/records/2607278/files/FA-KES-Dataset.csv?download=1"
#: Known-good MD5 digests: the file on Zenodo, and a byte-different public mirror with the
#: same 804 rows (CRLF line endings).
FAKES_MD5: frozenset[str] = frozenset(
    {"55d0ec452440a4ed46aac1e330b40e83", "87fea185f2ca6797b24360a8e9cf3c95"}
)
#: FA-KES outlet codes and the names used for them in this toolkit (the shipped TASS article
#: uses "TASS" too, so the two corpora combine).
FAKES_OUTLETS: dict[str, str] = {
    "ahram": "Al-Ahram",
    "alalam": "Al-Alam",
    "alaraby": "Al-Araby",
    "arabiya": "Al Arabiya",
    "asharqalawsat": "Asharq Al-Awsat",
    "dailysabah": "Daily Sabah",
    "etilaf": "Etilaf",
    "jordantimes": "Jordan Times",
    "manar": "Al-Manar",
    "nna": "NNA",
    "reuters": "Reuters",
    "sana": "SANA",
    "sputnik": "Sputnik",
    "tass": "TASS",
    "trt": "TRT",
}


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(url: str, target: Path, known: frozenset[str], timeout: float) -> None:
    """Download ``url`` to ``target`` atomically, keeping it only if its MD5 is known."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as resp:
            shutil.copyfileobj(resp, out)
        got = _md5(tmp)
        if got not in known:
            raise DatasetError(
                f"the file downloaded from {url} has MD5 {got}, not one of the known digests "
                f"{sorted(known)}; it was not kept. The source may have changed or the download "
                f"may be damaged."
            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def _fakes_path(path: str | Path | None, url: str, cache: Path | None, timeout: float) -> Path:
    if path is not None:
        given = Path(path).expanduser()
        if not given.is_file():
            raise FileNotFoundError(f"{given}: no such file; pass the path of {FAKES_FILE}")
        if _md5(given) not in FAKES_MD5:
            warnings.warn(
                f"{given} is not byte-identical to a known copy of FA-KES (MD5 not in "
                f"{sorted(FAKES_MD5)}); results may differ from published ones.",
                UserWarning,
                stacklevel=3,
            )
        return given
    folder = cache if cache is not None else cache_dir()
    target = folder / FAKES_FILE
    if target.is_file():
        if _md5(target) in FAKES_MD5:
            return target
        target.unlink()  # damaged or stale: fetch again
    try:
        _download(url, target, FAKES_MD5, timeout)
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        reason = getattr(err, "reason", err)
        raise DatasetError(
            f"could not download FA-KES from {url} ({reason}). Without a network connection, "
            f"download {FAKES_FILE} by hand from https://zenodo.org/records/2607278 "
            f"(doi:10.5281/zenodo.2607278) and either put it at {target} or call "
            f"load_fakes(path='.../{FAKES_FILE}').",
            where=target,
        ) from err
    return target


def load_fakes(
    path: str | Path | None = None,
    *,
    cache: str | Path | None = None,
    url: str = FAKES_URL,
    timeout: float = 60.0,
    errors: Errors = "raise",
    clean: bool = True,
) -> pd.DataFrame:
    """Load FA-KES, 804 news articles on the Syrian war from 15 outlets, as a corpus.

    FA-KES (Abu Salem, Al Feel, Elbassuoni, Jaber & Farah 2019, "FA-KES: A Fake News Dataset
    around the Syrian War", ICWSM 13(1), 573-582, doi:10.1609/icwsm.v13i01.3254) is
    distributed under CC BY 4.0 on Zenodo (record 2607278).

    Parameters
    ----------
    path : str or Path, optional
        A local copy of ``FA-KES-Dataset.csv``. When omitted, the file is taken from the
        cache folder (:func:`cache_dir`), downloading it there first if needed; its MD5 must
        match a known-good digest (:data:`FAKES_MD5`).
    cache : str or Path, optional
        Cache folder to use instead of :func:`cache_dir`.
    url : str
        Where to download from (default: the Zenodo record).
    timeout : float, default 60
        Seconds to wait for the server.
    errors : {"raise", "collect"}
        As in :func:`toolkit.load_corpus`.
    clean : bool, default True
        As in :func:`toolkit.load_corpus`; each outlet's boilerplate is learned once the
        outlets have their display names.

    Returns
    -------
    pandas.DataFrame
        A corpus (see :func:`toolkit.load_corpus`) with doc_ids ``fakes-000001`` ... by row,
        ``outlet`` as a display name (:data:`FAKES_OUTLETS`), ``outlet_code`` (the dataset's
        ``source``), ``title``, ``text``, ``date``, ``place`` (the dataset's ``location``),
        ``unit_id``, and ``credible`` (the dataset's ``labels``: True when the article's
        casualty claims were judged credible; a fact-check label, not a framing label).
        Exact duplicate rows, which the dataset has, are flagged in ``is_duplicate``.

    Raises
    ------
    DatasetError
        If the file is not cached and cannot be downloaded; the message says where to put a
        copy by hand. Also if a download fails its checksum.
    FileNotFoundError
        If ``path`` does not exist.

    Examples
    --------
    >>> corpus = load_fakes("FA-KES-Dataset.csv")  # doctest: +SKIP
    >>> corpus["outlet"].value_counts().head(3)  # doctest: +SKIP
    outlet
    Al-Ahram    149
    Al-Manar    105
    Al-Alam      90
    Name: count, dtype: int64
    """
    file = _fakes_path(path, url, Path(cache).expanduser() if cache is not None else None, timeout)
    corpus = load_corpus(
        file,
        format="csv",
        columns={
            "article_title": "title",
            "article_content": "text",
            "source": "outlet_code",
            "location": "place",
            "labels": "credible",
        },
        date_format="%m/%d/%Y",
        id_prefix="fakes",
        language="en",
        errors=errors,
        clean=False,
    )
    codes = corpus["outlet_code"].astype("string").str.strip().str.lower()
    unknown = sorted(set(codes.dropna()) - set(FAKES_OUTLETS))
    if unknown:
        warnings.warn(
            f"FA-KES has outlet codes this toolkit does not know: {unknown}; they are "
            "kept as they are",
            UserWarning,
            stacklevel=2,
        )
    outlet = codes.map(lambda c: FAKES_OUTLETS.get(c, c)).astype("string")
    place = corpus["place"].str.strip().str.title()
    credible = pd.to_numeric(corpus["credible"], errors="coerce").map({1: True, 0: False})
    result = corpus.assign(
        outlet=outlet, outlet_code=codes, place=place, credible=credible.astype("boolean")
    )
    if clean:
        # the outlets' boilerplate is learned under their names, and copies are found on
        # the cleaned text, as load_corpus does
        result = flag_duplicates(clean_corpus(result), result.index)
    result.attrs = {
        **corpus.attrs,
        "dataset": "FA-KES (doi:10.5281/zenodo.2607278), CC BY 4.0",
        "toolkit": {**corpus.attrs.get("toolkit", {}), "clean": clean},
    }
    return result


def open_corpus(
    source: str | Path | Sequence[str | Path], *, errors: Errors = "collect", **options: Any
) -> pd.DataFrame:
    """Open what a notebook parameter names: a path, ``"fakes"``, or a list of them.

    ``"fakes"`` loads FA-KES with :func:`load_fakes` (downloading it once); a path to a file
    named ``FA-KES-Dataset.csv`` is read with :func:`load_fakes` too; any other path with
    :func:`toolkit.load_corpus`. Several sources are combined with
    :func:`toolkit.corpus.combine_corpora`.

    Parameters
    ----------
    source : str, Path or a sequence of them
    errors : {"raise", "collect"}, default "collect"
        As in :func:`toolkit.load_corpus`.
    **options
        Passed to :func:`toolkit.load_corpus` for every path that is not FA-KES
        (``format``, ``columns``, ``date_format``, ``encoding``, ...).

    Returns
    -------
    pandas.DataFrame
        A corpus.

    Examples
    --------
    >>> import toolkit
    >>> open_corpus([toolkit.SHIPPED_CORPUS]).index.tolist()
    ['000_6f20bbf8b1b3e077']
    """
    sources = [source] if isinstance(source, str | Path) else list(source)
    if not sources:
        raise ValueError("open_corpus() was given no source")
    corpora = []
    clean = bool(options.get("clean", True))
    for item in sources:
        if str(item) == "fakes":
            corpora.append(load_fakes(errors=errors, clean=clean))
        elif Path(item).name == FAKES_FILE:
            corpora.append(load_fakes(item, errors=errors, clean=clean))
        else:
            corpora.append(load_corpus(item, errors=errors, **options))
    return corpora[0] if len(corpora) == 1 else combine_corpora(*corpora)
