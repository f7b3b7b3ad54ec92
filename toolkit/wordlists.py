"""Word lists as data: reading lexicon files (YAML with provenance, LIWC ``.dic``).

The one place where the toolkit's word lists are read and checked: :func:`load_lexicon`
(lexicons), and the YAML helpers :mod:`toolkit.framing` uses for label sets. Counting the
words of a lexicon in articles is :mod:`toolkit.lexicon`'s work; this module depends on
nothing of the toolkit but its errors, so that any module can read a word list.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import LexiconError

__all__ = [
    "PROVENANCE_FIELDS",
    "Lexicon",
    "available_lexicons",
    "line_of",
    "load_inventory",
    "load_lexicon",
    "node_at",
    "parse_yaml_file",
    "read_word_list",
    "string_terms",
    "trie_pattern",
]

PROVENANCE_FIELDS = ("source", "citation", "licence", "version", "author")


@dataclass(frozen=True)
class Lexicon:
    """Categories of terms, with provenance.

    Attributes
    ----------
    name : str
    categories : dict of str to tuple of str
        Category -> terms (words, globs, phrases).
    meta : dict
        ``source, citation, licence, version, author`` and anything else the file carries,
        including per-category ``description`` and ``item`` under ``meta["categories"]``.
    exceptions : dict of str to tuple of str
        Category -> phrases that hold one of its terms but are not the category
        (``claimed responsibility`` is no hedge): where one matches, the term inside it
        is not counted. From a category's ``except`` list in YAML.
    """

    name: str
    categories: dict[str, tuple[str, ...]]
    meta: dict[str, Any] = field(default_factory=dict)
    exceptions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __repr__(self) -> str:
        cats = ", ".join(f"{k} ({len(v)})" for k, v in self.categories.items())
        return f"<Lexicon {self.name!r} v{self.meta.get('version', '?')}: {cats}>"


def available_lexicons() -> list[str]:
    """Names of the lexicons shipped with the toolkit.

    Examples
    --------
    >>> "generic-frames" in available_lexicons()
    True
    """
    folder = resources.files("toolkit") / "lexicons"
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _fail(path: str, line: int | None, message: str) -> LexiconError:
    where = f"{path}, line {line}" if line else path
    return LexiconError(f"{where}: {message}")


def read_word_list(path: Path, encoding: str = "utf-8") -> str:
    r"""The text of a lexicon or label-set file; undecodable bytes are a LexiconError
    naming the line and the encoding to try (LIWC ``.dic`` files are often cp1252).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "old.dic"
    >>> _ = p.write_bytes("%\n1\tnégation\n%\nnon\t1\n".encode("latin-1"))
    >>> read_word_list(p)
    Traceback (most recent call last):
    toolkit.errors.LexiconError: ...old.dic, line 2: not valid utf-8 (byte b'\xe9'); ...
    >>> read_word_list(p, encoding="cp1252").splitlines()[1]
    '1\tnégation'
    """
    data = path.read_bytes()
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(codec)
    except LookupError:
        raise ValueError(f"encoding={encoding!r} is not a text encoding Python knows") from None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise _fail(
            str(path),
            line,
            f"not valid {encoding} (byte {data[err.start : err.start + 1]!r}); pass the "
            "file's encoding, e.g. encoding='cp1252' or 'latin-1' (common for LIWC .dic files)",
        ) from None


def parse_yaml_file(text: str, path: str) -> tuple[Any, yaml.Node]:
    """The data of a YAML word-list file and its node tree (for line numbers). Invalid
    YAML, tags that would build Python objects, and a key given twice in one mapping are
    a LexiconError naming the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise _fail(path, line, f"not valid YAML: {err.problem}") from None
    except yaml.YAMLError as err:
        raise _fail(path, None, f"not valid YAML: {err}") from None
    if root is None:
        raise _fail(path, 1, "the file is empty")
    _no_duplicate_keys(root, path)
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise _fail(path, line, f"not allowed in a word list: {err.problem}") from None
    return data, root


def _no_duplicate_keys(node: yaml.Node, path: str) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                line = key.start_mark.line + 1
                if key.value in seen:
                    raise _fail(
                        path,
                        line,
                        f"{key.value!r} is given twice (first on line {seen[key.value]}); "
                        "merge the two",
                    )
                seen[key.value] = line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def node_at(root: yaml.Node, *keys: str) -> yaml.Node | None:
    """The node under the mapping keys ``keys`` (None where a key is not there)."""
    node: yaml.Node | None = root
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if k.value == key), None)
    return node


def line_of(node: yaml.Node | None) -> int | None:
    """The 1-based line a node starts on."""
    return None if node is None else node.start_mark.line + 1


def string_terms(nodes: Iterable[yaml.Node], path: str, where: str) -> list[str]:
    """Terms from YAML nodes: each a non-empty string (a number or boolean written bare
    is an error, since the file meant a word: quote it)."""
    terms = []
    for t in nodes:
        line = t.start_mark.line + 1
        if not isinstance(t, yaml.ScalarNode) or not str(t.value).strip():
            raise _fail(path, line, f"{where}: each term must be a non-empty string")
        if t.tag != "tag:yaml.org,2002:str" and not t.style:
            kind = t.tag.rsplit(":", 1)[-1]
            raise _fail(
                path, line, f"{where}: term {t.value} is read as a {kind}; quote it ('{t.value}')"
            )
        try:
            terms += expand_alternatives(str(t.value).strip())
        except ValueError as err:
            raise _fail(path, line, f"{where}: {err}") from None
    return terms


_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")


def expand_alternatives(term: str) -> list[str]:
    """The terms a term with alternatives in braces stands for, in order.

    ``{can,could} help`` is ``can help`` and ``could help``; several groups multiply
    (``{government,authorities} {must,should} act`` is four phrases). Lexicons stay short
    where a coding question is a pattern of modal and verb.

    Examples
    --------
    >>> expand_alternatives("{can,could} {help,reduce}")
    ['can help', 'can reduce', 'could help', 'could reduce']
    >>> expand_alternatives("ceasefire")
    ['ceasefire']
    """
    match = _ALTERNATIVES.search(term)
    if match is None:
        if "{" in term or "}" in term:
            raise ValueError(
                f"term {term!r} has an unmatched brace; write {{a,b}} for alternatives"
            )
        return [term]
    options = [o.strip() for o in match.group(1).split(",")]
    if not all(options):
        raise ValueError(f"term {term!r} has an empty alternative inside {{...}}")
    head, tail = term[: match.start()], term[match.end() :]
    return [t for o in options for t in expand_alternatives(f"{head}{o}{tail}")]


def _parse_yaml(text: str, path: str) -> Lexicon:
    """A lexicon from YAML text (parsed once per text and path; each call gets its own
    copy, so that changing one never changes another)."""
    parsed = _parse_yaml_cached(text, path)
    return Lexicon(
        parsed.name, dict(parsed.categories), copy.deepcopy(parsed.meta), dict(parsed.exceptions)
    )


@lru_cache(maxsize=32)
def _parse_yaml_cached(text: str, path: str) -> Lexicon:
    data, root = parse_yaml_file(text, path)
    if not isinstance(root, yaml.MappingNode):
        raise _fail(
            path, 1, "a lexicon is a mapping with 'name', provenance fields and 'categories'"
        )
    lines = {k.value: k.start_mark.line + 1 for k, _ in root.value}
    missing = [f for f in ("name", *PROVENANCE_FIELDS, "categories") if f not in data]
    if missing:
        raise _fail(
            path,
            1,
            f"missing field(s) {missing}; a lexicon needs name, "
            f"{', '.join(PROVENANCE_FIELDS)} and categories",
        )
    cat_node = next(v for k, v in root.value if k.value == "categories")
    if not isinstance(cat_node, yaml.MappingNode) or not cat_node.value:
        raise _fail(
            path, lines["categories"], "'categories' must map category names to their terms"
        )
    categories: dict[str, tuple[str, ...]] = {}
    exceptions: dict[str, tuple[str, ...]] = {}
    for key, node in cat_node.value:
        line = key.start_mark.line + 1
        if isinstance(node, yaml.SequenceNode):
            term_nodes = node.value
        elif isinstance(node, yaml.MappingNode):
            terms_node = next((v for k, v in node.value if k.value == "terms"), None)
            if not isinstance(terms_node, yaml.SequenceNode):
                raise _fail(path, line, f"category {key.value!r} needs a 'terms' list")
            term_nodes = terms_node.value
        else:
            raise _fail(
                path,
                line,
                f"category {key.value!r} must be a list of terms or a mapping with 'terms'",
            )
        terms = string_terms(term_nodes, path, f"category {key.value!r}")
        if not terms:
            raise _fail(path, line, f"category {key.value!r} has no terms")
        categories[str(key.value)] = tuple(terms)
        except_node = node_at(node, "except") if isinstance(node, yaml.MappingNode) else None
        if except_node is not None:
            if not isinstance(except_node, yaml.SequenceNode):
                raise _fail(
                    path, line_of(except_node), f"category {key.value!r}: 'except' is a list"
                )
            found = string_terms(except_node.value, path, f"category {key.value!r}, except")
            both = sorted(set(found) & set(terms))
            if both:
                raise _fail(
                    path,
                    line_of(except_node),
                    f"category {key.value!r}: {both[0]!r} is both a term and an exception",
                )
            exceptions[str(key.value)] = tuple(found)
    meta = {k: v for k, v in data.items() if k not in ("name",)}
    return Lexicon(str(data["name"]), categories, meta, exceptions)


def _parse_dic(text: str, path: str) -> Lexicon:
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise _fail(path, 1, "a .dic file starts with a category header between two '%' lines")
    ids: dict[str, str] = {}
    defined: dict[str, int] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2:
            raise _fail(path, i + 1, f"expected 'number<TAB>category', got {lines[i]!r}")
        name = " ".join(parts[1:])
        if parts[0] in ids:
            raise _fail(path, i + 1, f"category number {parts[0]!r} is defined twice")
        if name in defined:
            raise _fail(
                path, i + 1, f"category {name!r} is defined twice (first on line {defined[name]})"
            )
        ids[parts[0]] = name
        defined[name] = i + 1
    categories: dict[str, list[str]] = {name: [] for name in ids.values()}
    for i in range(marks[1] + 1, len(lines)):
        raw = lines[i].strip()
        if not raw:
            continue
        parts = raw.split("\t") if "\t" in raw else raw.split()
        term, numbers = parts[0].strip(), [p for chunk in parts[1:] for p in chunk.split()]
        if not numbers:
            raise _fail(path, i + 1, f"term {term!r} has no category number")
        for number in numbers:
            if number not in ids:
                raise _fail(
                    path,
                    i + 1,
                    f"term {term!r} names category {number!r}, which the header does not define",
                )
            categories[ids[number]].append(term)
    empty = [name for name, terms in categories.items() if not terms]
    if empty:
        raise _fail(
            path,
            defined[empty[0]],
            f"category {empty[0]!r} has no terms; remove it from the header or give it terms",
        )
    meta = {f: None for f in PROVENANCE_FIELDS} | {"format": "dic", "path": path}
    return Lexicon(Path(path).stem, {k: tuple(v) for k, v in categories.items()}, meta)


def load_lexicon(
    source: str | Path | Lexicon | Mapping[str, Iterable[str]], *, encoding: str = "utf-8"
) -> Lexicon:
    """Load a lexicon by name, from a YAML or LIWC-style ``.dic`` file, or from a mapping.

    Parameters
    ----------
    source : str, Path, Lexicon or mapping
        A shipped lexicon's name (:func:`available_lexicons`), a path to ``.yaml``/``.yml``
        or ``.dic``, a :class:`Lexicon`, or a mapping category -> terms (no provenance).
    encoding : str, default "utf-8"
        The encoding of a file (LIWC ``.dic`` files are often ``"cp1252"``).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        A malformed file: the message names the file and line.
    FileNotFoundError
        Neither a shipped name nor an existing file.

    Examples
    --------
    >>> lex = load_lexicon("epistemic")
    >>> sorted(lex.categories)
    ['booster', 'hedge', 'weasel']
    >>> lex.meta["licence"]
    'MIT'
    """
    if isinstance(source, Lexicon):
        return source
    if isinstance(source, Mapping):
        cats = {str(k): tuple([v] if isinstance(v, str) else v) for k, v in source.items()}
        for cat, terms in cats.items():
            if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
                raise LexiconError(
                    f"lexicon mapping: category {cat!r} needs a non-empty list of non-empty "
                    f"strings, got {list(terms)!r}"
                )
        return Lexicon("custom", cats, {f: None for f in PROVENANCE_FIELDS})
    name = str(source)
    if name in available_lexicons():
        text = (resources.files("toolkit") / "lexicons" / f"{name}.yaml").read_text("utf-8")
        return _parse_yaml(text, f"toolkit/lexicons/{name}.yaml")
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(
            f"{source}: no such lexicon file, and not a shipped lexicon "
            f"({', '.join(available_lexicons())})"
        )
    text = read_word_list(path, encoding)
    if path.suffix.lower() == ".dic":
        return _parse_dic(text, str(path))
    if path.suffix.lower() in (".yaml", ".yml"):
        return _parse_yaml(text, str(path))
    raise LexiconError(
        f"{path}: unsupported lexicon file type {path.suffix!r}; use .yaml, .yml or .dic"
    )


def trie_pattern(words: list[str]) -> str:
    """A regex source matching exactly ``words``, written as a trie (shared prefixes
    once), which the regex engine tries far faster than a flat alternation.

    Examples
    --------
    >>> trie_pattern(["said", "says", "say"])
    'sa(?:id|y(?:s)?)'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def source(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + source(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return source(trie)


def load_inventory(name: str) -> tuple[Any, Any, str]:
    """A shipped inventory (``toolkit/inventories/<name>.yaml``: speech verbs, actors,
    violence words): its data, its YAML node tree (for line numbers in errors) and its
    path as errors name it. Inventories carry the provenance fields of a lexicon.

    Examples
    --------
    >>> data, _, where = load_inventory("violence")
    >>> where, data["verbs"]["kill"][:2]
    ('toolkit/inventories/violence.yaml', ['kill', 'kills'])
    """
    where = f"toolkit/inventories/{name}.yaml"
    text = (resources.files("toolkit") / "inventories" / f"{name}.yaml").read_text("utf-8")
    data, root = parse_yaml_file(text, where)
    return data, root, where


def inventory_lists(
    name: str, key: str | None = None, *, keys: Sequence[str] = ()
) -> dict[str, tuple[str, ...]]:
    """Lists of words of a shipped inventory, in file order: each entry of the mapping
    under ``key`` (name -> list), or else each of the top-level ``keys``. An entry that
    is missing or holds anything but strings is a LexiconError naming its line.

    Examples
    --------
    >>> inventory_lists("targets", "targets")["Turkey"][:2]
    ('turkey', "turkey's")
    >>> sorted(inventory_lists("speakers", keys=["nationalities"]))
    ['nationalities']
    """
    data, root, where = load_inventory(name)
    path: tuple[str, ...] = (key,) if key is not None else ()
    entries = (data.get(key) or {}) if key is not None else {k: data.get(k) for k in keys}
    lists: dict[str, tuple[str, ...]] = {}
    for entry, words in entries.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            node = node_at(root, *path, str(entry))
            at = f", line {line_of(node)}" if node is not None else ""
            raise LexiconError(f"{where}{at}: {entry!r} needs a list of words")
        lists[str(entry)] = tuple(words)
    return lists
