"""Does a withdrawal draft actually ask? (the heuristic behind missing-request)

A request is a sentence that names the withdrawal (撤回, 取り消し, 再考, 改めて…入社 …) and
asks (お願い, ご検討, いただけないでしょうか, 幸いです …), or a sentence that names the
withdrawal followed by one that asks with more than a bare よろしくお願いいたします.
Sentences end at 。！？ only, so a letter wrapped over several lines is read whole.
The word lists are in data/check/structure.toml.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from naitei.check.data import StructureList, structure_words
from naitei.precompiled import regex

_ENDS = ("。", "！", "？", "!", "?")
_AGAIN_REACH = 40  # characters between 改めて and 入社
_BARE_CLOSING = regex(r"(?:何卒|なにとぞ|どうぞ)?(?:よろしく)?お願い(?:いたし|申し上げ|し)ます")


@cache
def _words(table: StructureList) -> tuple[str, ...]:
    return structure_words(table)


def has_request(text: str) -> bool:
    for start, end in _withdrawals(text):
        sentence_end = _sentence_end(text, end)
        if _asks(text[_sentence_start(text, start) : sentence_end]):
            return True
        following = text[sentence_end : _sentence_end(text, sentence_end + 1)]
        if _asks(_BARE_CLOSING.sub("", following)):
            return True
    return False


def _asks(sentence: str) -> bool:
    return any(word in sentence for word in _words("ask"))


def _withdrawals(text: str) -> Iterator[tuple[int, int]]:
    """Spans that name the withdrawal: 撤回, or 改めて … 入社 within one sentence."""
    for word in _words("withdrawal"):
        for start in _find_all(text, word):
            yield start, start + len(word)
    for word in _words("again"):
        for start in _find_all(text, word):
            reach = text[start + len(word) : start + len(word) + _AGAIN_REACH]
            reach = reach[
                : min((i for mark in _ENDS if (i := reach.find(mark)) >= 0), default=None)
            ]
            if any(thing in reach for thing in _words("again_object")):
                yield start, start + len(word)


def _find_all(text: str, word: str) -> Iterator[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def _sentence_start(text: str, offset: int) -> int:
    return max(text.rfind(mark, 0, offset) for mark in _ENDS) + 1


def _sentence_end(text: str, offset: int) -> int:
    ends = [found for mark in _ENDS if (found := text.find(mark, offset)) >= 0]
    return min(ends) + 1 if ends else len(text)
