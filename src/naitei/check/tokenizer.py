"""Morphological analysis with SudachiPy: the only module of naitei that imports it.

One ``Dictionary`` per process, loaded on first use (commands that never check stay
fast); one tokenizer per thread, because SudachiPy tokenizers are not thread-safe. The
tokenizer loads only the fields the rules read (part of speech, dictionary and normalized
forms, reading), which makes each call a little cheaper.

``Tokens`` holds the morphemes of a text or of one sentence of it: the end offsets of all of
them, and the other fields read from SudachiPy only for the few morphemes a rule asks about.
Documents hand out one ``Tokens`` per sentence, on demand (``Document.tokens_at``), so the
checker analyses only the sentences some rule needs to read.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import accumulate
from typing import Any, Generic, TypeVar, overload

# SplitMode.C (long units) keeps 見れる, 了解, 株式会社 as single words.
_MAX_CHUNK_BYTES = 40_000  # SudachiPy refuses input over 49,149 bytes.

POS = tuple[str, str, str, str, str, str]
# Only the fields the rules read: SudachiPy then does less work per morpheme.
_FIELDS = {"pos", "dictionary_form", "normalized_form", "reading_form"}

_T = TypeVar("_T")


class cached_attribute(Generic[_T]):
    """functools.cached_property without its lock (Python 3.11 takes an RLock at every first
    access: measurable with a dozen properties per document and per sentence). The value is
    computed on first access and stored in the instance's __dict__, which later lookups read
    directly. Two threads may both compute it once; the objects here are never shared while
    they are built."""

    def __init__(self, function: Callable[[Any], _T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_attribute[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(
        self, instance: object | None, owner: type | None = None
    ) -> _T | cached_attribute[_T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


_lock = threading.Lock()
_state: dict[str, Any] = {}
_local = threading.local()


def _dictionary() -> Any:
    dictionary = _state.get("dictionary")
    if dictionary is None:
        with _lock:
            dictionary = _state.get("dictionary")
            if dictionary is None:
                from sudachipy import Dictionary

                dictionary = Dictionary(dict="core")
                _state["pos_table"] = _pos_table(dictionary)
                _state["dictionary"] = dictionary
    return dictionary


def _pos_table(dictionary: Any) -> tuple[POS, ...]:
    table: list[POS] = []
    while (pos := dictionary.pos_of(len(table))) is not None:
        table.append(tuple(pos))
    return tuple(table)


def _tokenizer() -> Any:
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Morpheme, SplitMode

        _state["part_of_speech_id"] = Morpheme.part_of_speech_id
        tokenizer = _dictionary().tokenizer(SplitMode.C, fields=_FIELDS)
        _local.tokenizer = tokenizer
    return tokenizer


def pos_table() -> tuple[POS, ...]:
    """Every part of speech of the dictionary, indexed by part-of-speech id."""
    _dictionary()
    table: tuple[POS, ...] = _state["pos_table"]
    return table


@lru_cache(maxsize=64)
def pos_ids(predicate: Callable[[POS], bool]) -> frozenset[int]:
    """The part-of-speech ids whose POS tuple satisfies ``predicate`` (cached per predicate)."""
    return frozenset(i for i, pos in enumerate(pos_table()) if predicate(pos))


def warm_up() -> None:
    """Load the dictionary and this thread's tokenizer now rather than on first use."""
    _tokenizer().tokenize("辞書を読み込みます。")


class Tokens:
    """The morphemes of ``text[start:end]`` (all of it by default): end offsets (into
    ``text``) for all, other fields on demand. Indexes are local: 0 is the first token."""

    __slots__ = ("__dict__", "_chunks", "_ids", "_table", "ends", "start", "text")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self.text = text
        self.start = start
        self.ends: list[int]
        self._ids: list[int]
        # (index of the chunk's first token, its morphemes as a list)
        self._chunks: list[tuple[int, list[Any]]]
        tokenizer = _tokenizer()  # loads the dictionary, hence the table, on first use
        self._table: tuple[POS, ...] = _state["pos_table"]
        pos_id_of = _state["part_of_speech_id"]
        piece = text[start:end]
        if len(piece) * 4 <= _MAX_CHUNK_BYTES:
            # One chunk (a sentence, an email): no generator, begins and ends from one pass.
            # Each Morpheme object made once (indexing a MorphemeList makes a new one each
            # time), and every part-of-speech id read in the same pass: most rules ask for them.
            morphemes = list(tokenizer.tokenize(piece))
            self._chunks = [(0, morphemes)]
            # len() of a morpheme is its length in code points, as str counts them.
            edges = list(accumulate(map(len, morphemes), initial=start))
            self.ends = edges[1:]
            self.__dict__["begins"] = edges[:-1]
            self._ids = list(map(pos_id_of, morphemes))
            return
        self.ends = []
        self._ids = []
        # (index of the chunk's first token, its morphemes as a list)
        self._chunks = []
        for offset, chunk in _chunks(piece):
            morphemes = list(tokenizer.tokenize(chunk))
            offset += start
            self._chunks.append((len(self.ends), morphemes))
            ends = accumulate(map(len, morphemes), initial=offset)
            next(ends)  # the chunk's own start
            self.ends.extend(ends)
            self._ids.extend(map(pos_id_of, morphemes))

    @cached_attribute
    def begins(self) -> list[int]:
        """Start offsets: SudachiPy's morphemes cover the text without gaps."""
        return [self.start, *self.ends[:-1]] if self.ends else []

    def __len__(self) -> int:
        return len(self.ends)

    def surface(self, i: int) -> str:
        return self.text[self.begins[i] : self.ends[i]]

    def pos_id(self, i: int) -> int:
        """The part-of-speech id of token i."""
        return self._ids[i]

    def pos(self, i: int) -> POS:
        return self._table[self.pos_id(i)]

    def _morpheme(self, i: int) -> Any:
        if len(self._chunks) == 1:
            return self._chunks[0][1][i]
        for first, morphemes in reversed(self._chunks):
            if i >= first:
                return morphemes[i - first]
        raise IndexError(i)

    def dictionary_form(self, i: int) -> str:
        return str(self._morpheme(i).dictionary_form())

    def normalized_form(self, i: int) -> str:
        return str(self._morpheme(i).normalized_form())

    def reading(self, i: int) -> str:
        return str(self._morpheme(i).reading_form())

    def index_at(self, offset: int) -> int:
        """The index of the token that covers character ``offset`` (-1 before the first)."""
        return bisect_right(self.begins, offset) - 1

    def between(self, start: int, end: int) -> range:
        """Indexes of the tokens that begin inside [start, end)."""
        first = bisect_right(self.begins, start - 1)
        last = bisect_right(self.begins, end - 1)
        return range(first, last)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Split text into pieces SudachiPy accepts, at line ends where possible."""
    if len(text) * 4 <= _MAX_CHUNK_BYTES or len(text.encode("utf-8")) <= _MAX_CHUNK_BYTES:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = _chunk_end(text, start)
        yield start, text[start:end]
        start = end


def _chunk_end(text: str, start: int) -> int:
    limit = start + _MAX_CHUNK_BYTES // 4  # at most 4 bytes per character
    if limit >= len(text):
        return len(text)
    for mark in ("\n", "。", "、", " "):
        cut = text.rfind(mark, start, limit)
        if cut > start:
            return cut + 1
    return limit


@lru_cache(maxsize=4096)
def lookup_conjugations(word: str, reading: str) -> frozenset[str]:
    """Conjugation types (五段-ラ行, 上一段-マ行, カ行変格 …) of ``word`` read as ``reading``.

    Classical (文語) entries are left out. An empty reading matches every entry.
    """
    found: set[str] = set()
    for morpheme in _dictionary().lookup(word):
        conjugation = morpheme.part_of_speech()[4]
        if conjugation.startswith("文語"):
            continue
        if reading and morpheme.reading_form() != reading:
            continue
        found.add(conjugation)
    return frozenset(found)


@lru_cache(maxsize=4096)
def lookup_readings(word: str) -> frozenset[str]:
    """The readings (katakana) of the dictionary entries written ``word``."""
    return frozenset(str(m.reading_form()) for m in _dictionary().lookup(word))
