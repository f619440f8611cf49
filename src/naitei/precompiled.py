"""Compiled regular expressions and parsed data files, kept between processes.

One `naitei check FILE` is a whole process: before this cache, compiling the checker's ~200
patterns and parsing its TOML files took about as long as checking the draft. The work is
deterministic, so its result is kept in one file and read back in a fraction of the time:

- ``regex(pattern, flags)`` is ``re.compile`` whose compiled program (the opcode list that
  ``re`` hands to ``_sre.compile``) is taken from the cache when this Python build made it;
- ``toml(path)`` is ``tomllib.loads`` of a file, taken from the cache when the file's content
  (its length and CRC-32) is the one that was parsed;
- ``cache_dataclasses()`` makes the standard ``dataclasses`` module take the code of the
  methods it generates (``__init__``, ``__eq__``, ``__hash__``, ``__repr__``, the frozen
  ``__setattr__``…: each one a Python source text it compiles at every class definition,
  about half of defining a dataclass) from the cache, keyed on that source text. The code
  is what ``compile`` makes of the same text on this Python build, so every class is the
  same; only the compiling is skipped. ``naitei check FILE`` turns it on before importing
  the checker, whose modules define some twenty dataclasses.

The file is ``$NAITEI_CACHE_DIR/precompiled-<python build>.marshal`` (default
``$XDG_CACHE_HOME/naitei`` or ``~/.cache/naitei``); ``NAITEI_CACHE_DIR=`` (empty) turns the
cache off. It is keyed on the Python build (implementation, version, ``_sre`` magic), each
pattern on its text and flags and each data file on its content, so a stale, foreign or
corrupt file is never believed: anything that does not read back as expected is ignored and
rebuilt. New entries are written (atomically, by rename) when the process ends, or when
``save`` is called (the check command calls it before it leaves through ``os._exit``). The
file stays bounded: past 4,000 patterns or 200 data files, a process that writes keeps only
what it used itself.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import contextlib
import marshal
import os
import re
import sys
import zlib
from collections.abc import Iterable
from itertools import groupby
from re import _compiler, _parser  # type: ignore[attr-defined]
from types import CodeType
from typing import Any

_FORMAT = 3  # 3: programs carry the first-character set of _with_first_chars
_BUILD = f"{sys.implementation.cache_tag}-{sys.version}-{_sre.MAGIC}-{_FORMAT}"
# (pattern, flags) → the arguments of _sre.compile after the pattern.
_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_patterns: dict[tuple[str, int], _Program] = {}
_data: dict[str, tuple[str, Any]] = {}  # path → (length and CRC-32 of the content, parsed)
_code: dict[str, CodeType] = {}  # source text → compile(text, "<string>", "exec")
# What this process asked for: when the file has grown past these sizes (patterns made from
# the words of many cases, data files of many installs), only that is written back.
_used_patterns: set[tuple[str, int]] = set()
_used_data: set[str] = set()
_used_code: set[str] = set()
_MAX_PATTERNS = 4000
_MAX_DATA = 200
_MAX_CODE = 4000
_state = {"loaded": False, "dirty": False, "registered": False}


def cache_file() -> str | None:
    """Where the cache lives, or None when NAITEI_CACHE_DIR is set empty (no cache)."""
    folder = os.environ.get("NAITEI_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "naitei")
    elif not folder:
        return None
    tag = f"{zlib.crc32(_BUILD.encode()):08x}"
    return os.path.join(folder, f"precompiled-{sys.implementation.cache_tag}-{tag}.marshal")


def _load() -> None:
    _state["loaded"] = True
    path = cache_file()
    if path is None:
        return
    try:
        with open(path, "rb") as handle:
            stored = marshal.loads(handle.read())
        build, patterns, data, code = stored
        if build != _BUILD or not all(isinstance(part, dict) for part in (patterns, data, code)):
            return
    except Exception:  # missing, unreadable, truncated, foreign: rebuilt as entries are used
        return
    _patterns.update(patterns)
    _data.update(data)
    _code.update(code)


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, its program read from the cache when there."""
    if not _state["loaded"]:
        _load()
    flags = int(flags)  # a RegexFlag is an int marshal cannot write
    key = (pattern, flags)
    _used_patterns.add(key)
    program = _patterns.get(key)
    if program is not None:
        try:
            compiled: re.Pattern[str] = _sre.compile(pattern, *program)
            return compiled
        except Exception:  # a damaged entry (_sre validates the program): compile afresh
            pass
    try:
        # What re._compiler.compile does, keeping the program it hands to _sre.compile.
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # no named constants
        state = parsed.state
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        groups = state.groups - 1
        program = (int(flags | state.flags), code, groups, dict(state.groupdict), tuple(indexgroup))
        compiled = _sre.compile(pattern, *program)
    except Exception:  # another Python's re internals, or a bad pattern: re says why
        return re.compile(pattern, flags)
    reference = re.compile(pattern, flags)  # once per machine: the program must be re's own
    if compiled != reference:
        return reference
    faster = _with_first_chars(parsed, code, int(flags | state.flags))
    if faster is not None:
        try:
            program = (program[0], faster, *program[2:])
            compiled = _sre.compile(pattern, *program)
        except Exception:  # _sre refused the program (it validates it): keep re's own
            program = (program[0], code, *program[2:])
            compiled = reference
    _patterns[key] = program
    _changed()
    return compiled


def _with_first_chars(parsed: Any, code: list[int], flags: int) -> list[int] | None:
    """``code`` with the set of characters a match can start with in its INFO block, when re
    found neither a literal prefix nor such a set and one can be worked out; else None.

    re looks for a first-character set only when a pattern starts with a character class or
    with an alternation of single characters. A pattern that starts with a repeat
    (``[一-龥々]+様``), a lookbehind (``(?<!学)部``) or an alternation of words and classes
    (``(?:御社|貴[社行]|[0-9]+年)``) is then tried at every position of the text, each of its
    branches in turn. With the set in the INFO block, ``search``, ``finditer``, ``sub`` and
    ``split`` skip in C to the next character that can start a match, which is what re does
    for the patterns it can analyse itself: the same matches, found sooner. ``match`` and
    ``fullmatch`` do not read the set."""
    info, skip, mask, low = code[0], code[1], code[2], code[3]
    if info != _OPCODES["INFO"] or mask or low == 0:
        return None  # re's own prefix or set, or a pattern that can match the empty string
    if flags & (re.IGNORECASE | re.LOCALE):
        return None  # case folding: the set would have to hold every case of every character
    first = _first_chars(parsed.data)
    if first is None or first[1]:
        return None
    charset, hascased = _compiler._optimize_charset(first[0])
    if hascased:
        return None
    block = [info, 0, _OPCODES["SRE_INFO_CHARSET"], low, code[4]]
    _compiler._compile_charset(charset, flags, block)
    block[1] = len(block) - 1
    return [int(op) for op in block] + code[1 + skip :]


_OPCODES = {
    "INFO": int(_compiler.INFO),
    "SRE_INFO_CHARSET": int(_compiler.SRE_INFO_CHARSET),
}


def _first_chars(items: Any) -> tuple[list[tuple[Any, Any]], bool] | None:
    """The characters a sequence of parsed items can start with (as items of a character
    class) and whether it can match the empty string; None when that is not known (any
    character, a negated class, a back reference, inline flags, a conditional group)."""
    c = _compiler
    result: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the match's first character comes after
        if op is c.LITERAL:
            result.append((op, av))
            return result, False
        if op is c.IN:
            if any(item_op is c.NEGATE for item_op, _ in av):
                return None
            result.extend(av)
            return result, False
        if op is c.SUBPATTERN or op is c.ATOMIC_GROUP:
            if op is c.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                if add_flags or del_flags:
                    return None
            else:
                sub = av
            found = _first_chars(sub.data)
            if found is None:
                return None
            result.extend(found[0])
            if not found[1]:
                return result, False
            continue
        if op is c.BRANCH:
            empty = False
            for alternative in av[1]:
                found = _first_chars(alternative.data)
                if found is None:
                    return None
                result.extend(found[0])
                empty = empty or found[1]
            if not empty:
                return result, False
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            found = _first_chars(sub.data)
            if found is None:
                return None
            result.extend(found[0])
            if low > 0 and not found[1]:
                return result, False
            continue
        return None  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS…
    return result, True


def longest_first(word: str) -> tuple[int, str]:
    """Sort key for the words of an alternation: longest first (so the longest one matches),
    then in code-point order. Sorting a set by length alone leaves words of one length in the
    set's order, which changes with each process's string hashing: the pattern's text, and so
    its cache key, would differ at every start and every run would compile it afresh (and
    grow the cache file)."""
    return -len(word), word


def trie(words: Iterable[str]) -> str:
    """The alternation of ``words`` (escaped, non-empty) as a trie, matching what the
    alternation sorted longest first matches, in the same order of preference: one branch
    per first character, each continuation tried before a word that stops there
    (お(?:世話|袋)|の(?:ほう(?:は)?|方)). At a position re then tries one branch per distinct
    first character instead of one per word, and after a failure further on it backtracks
    to the next shorter word, as with the sorted list."""
    branches = []
    for first, group in groupby(sorted(set(words)), key=lambda word: word[0]):
        rests = [word[1:] for word in group]
        longer = [rest for rest in rests if rest]
        if not longer:
            branches.append(re.escape(first))
        elif "" in rests:
            branches.append(f"{re.escape(first)}(?:{trie(longer)})?")
        else:
            branches.append(f"{re.escape(first)}(?:{trie(longer)})")
    return "|".join(branches)


def toml(path: str) -> Any:
    """The parsed TOML file at ``path`` (``tomllib.loads`` of its UTF-8 text), from the cache
    when its content has not changed; OSError, UnicodeDecodeError and TOMLDecodeError as
    reading and parsing it would raise."""
    if not _state["loaded"]:
        _load()
    with open(path, "rb") as handle:
        raw = handle.read()
    digest = f"{len(raw)}-{zlib.crc32(raw):08x}"
    _used_data.add(path)
    entry = _data.get(path)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest:
        return entry[1]
    import tomllib  # only on a miss: importing it costs a start-up several milliseconds

    # As Path.read_text reads it (universal newlines).
    parsed = tomllib.loads(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
    try:
        marshal.dumps(parsed)
    except ValueError:  # a value marshal cannot keep (a date): parsed at every start
        return parsed
    _data[path] = (digest, parsed)
    _changed()
    return parsed


def compiled(source: str) -> CodeType:
    """``compile(source, "<string>", "exec")``, from the cache when this text was compiled."""
    if not _state["loaded"]:
        _load()
    _used_code.add(source)
    code = _code.get(source)
    if isinstance(code, CodeType):
        return code
    code = compile(source, "<string>", "exec", dont_inherit=True)
    _code[source] = code
    _changed()
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` for the dataclasses module: a source text's code from the cache."""
    if isinstance(source, str):
        source = compiled(source)
    exec(source, globals, locals)


def cache_dataclasses() -> None:
    """Let ``dataclasses`` take the code of the methods it generates from the cache (see the
    module's docstring). It calls ``exec`` on each method's source text; a name ``exec`` in
    its namespace is the one it calls."""
    import dataclasses

    if cache_file() is not None:
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def _changed() -> None:
    _state["dirty"] = True
    if not _state["registered"]:
        _state["registered"] = True
        atexit.register(save)


def save() -> None:
    """Write the cache when this process added to it (never raises: a cache is optional)."""
    if not _state["dirty"]:
        return
    _state["dirty"] = False
    path = cache_file()
    if path is None:
        return
    patterns, data = _patterns, _data
    if len(patterns) > _MAX_PATTERNS:
        patterns = {key: patterns[key] for key in _used_patterns if key in patterns}
    if len(data) > _MAX_DATA:
        data = {key: data[key] for key in _used_data if key in data}
    code = _code
    if len(code) > _MAX_CODE:
        code = {key: code[key] for key in _used_code if key in code}
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(marshal.dumps((_BUILD, patterns, data, code)))
        os.replace(temporary, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
