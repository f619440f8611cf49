"""A draft being checked: its text, lines, sentences and tokens, computed once."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from naitei.check.data import rule_info
from naitei.check.model import WRITTEN_KINDS, CheckContext, Finding, Fix
from naitei.check.placeholders import Placeholder, find_placeholders
from naitei.check.tokenizer import Tokens, cached_attribute
from naitei.employers import FormInText, forms_in
from naitei.precompiled import regex

# A sentence starts at a visible character and runs to 。！？ (with any closing brackets
# after it) or to the end of the line.
_SENTENCE = regex(r"[^\s。！？!?][^。！？!?\n]*(?:[。！？!?]+[」』）)]*)?|[。！？!?]+[」』）)]*")
_TERMINAL = frozenset("。！？!?")
# What Document.sentences strips from a sentence's end, before a line break or the text's end.
_TRAILING_SPACE = regex("[ \t\r\u3000](?:\n|\\Z)")
_CONTENT_LINE = regex(r"^[^\S\n]*(\S(?:[^\n]*\S)?)[^\S\n]*$", re.M)
# Scripts label who speaks: 自分：… for the applicant, 受付：/佐藤：… for the other party.
_LABEL = regex(
    r"^[ \u3000]*(?:(?:[-・*＊●] ?)?([^\s：:「」。、]{1,8})[ \u3000]*[：:]"
    # （受付）お電話ありがとうございます / 【佐藤】: a name in brackets (kanji or katakana, not a
    # stage direction such as （不在の場合） or （菅原様に代わって）, which holds kana)
    r"|[（(【［\[]([一-龥々ァ-ヶー]{1,6}(?:様|さん)?)[）)】］\]])"
)
_SELF_LABELS = frozenset({"自分", "私", "わたし", "わたくし", "本人", "応募者", "学生", "あなた"})
_SPOKEN = frozenset({"phone", "visit"})
# The other party named by a role in brackets: （受付）, 【担当者】, （人事）.
_ROLE_LABELS = frozenset(
    {
        "受付",
        "担当",
        "担当者",
        "人事",
        "人事部",
        "採用担当",
        "先方",
        "相手",
        "会社",
        "面接官",
        "交換",
    }
)
_NO_CONTEXT = CheckContext()


class Line(NamedTuple):
    start: int
    end: int  # without the line break
    text: str


class Sentence(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def terminated(self) -> bool:
        """True when the sentence ends with 。！？ (possibly before closing brackets)."""
        return self.text.rstrip("」』）)")[-1:] in _TERMINAL

    @property
    def body_end(self) -> int:
        """The offset just before the final punctuation and closing brackets."""
        body = self.text.rstrip("」』）)").rstrip("。！？!?")
        return self.start + len(body)


class Document:
    """The text under check plus its kind, purpose and context."""

    def __init__(self, text: str, kind: str, purpose: str, context: CheckContext | None) -> None:
        self.text = text
        self.kind = kind
        self.purpose = purpose
        self.context = context or _NO_CONTEXT
        self._segments: dict[tuple[int, int], Tokens] = {}
        # What one rule module works out once and another reuses (rules/employer.reader).
        self.shared: dict[str, object] = {}

    @property
    def written(self) -> bool:
        return self.kind in WRITTEN_KINDS

    def tokens_matching(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, Tokens, int]]:
        """(offset of the match, the sentence's tokens, the index of the token the match starts
        in) for each match of ``pattern``, each token once (two れ in 忘れられ are one token)."""
        seen: set[int] = set()
        for match in pattern.finditer(self.text):
            offset = match.start()
            tokens = self.tokens_at(offset)
            i = tokens.index_at(offset)
            if i < 0 or tokens.begins[i] in seen:
                continue
            seen.add(tokens.begins[i])
            yield offset, tokens, i

    def tokens_at(self, offset: int) -> Tokens:
        """The morphemes of the sentence (or, between sentences, the line) around ``offset``.

        Each sentence is analysed once, when a rule first asks about it: most sentences of a
        business message need no morphology (no れ, させ, or plain ending), so the checker
        tokenizes only part of the text.
        """
        number = bisect_right(self.sentence_starts, offset) - 1
        if number >= 0 and offset < self.sentences[number].end:
            start, end = self.sentences[number].start, self.sentences[number].end
        else:
            line = bisect_right(self._line_starts, offset) - 1
            start, end = self._line_starts[line], self._line_starts[line + 1] - 1
        tokens = self._segments.get((start, end))
        if tokens is None:
            tokens = self._segments[start, end] = Tokens(self.text, start, end)
        return tokens

    @cached_attribute
    def sentence_starts(self) -> list[int]:
        """The start of every sentence, in order (for bisect)."""
        return [sentence.start for sentence in self.sentences]

    @cached_attribute
    def lines(self) -> tuple[Line, ...]:
        """Every line (empty ones included), without line breaks or a trailing CR."""
        result = []
        start = 0
        new = tuple.__new__
        for raw in self.text.split("\n"):
            text = raw[:-1] if raw.endswith("\r") else raw
            result.append(new(Line, (start, start + len(text), text)))
            start += len(raw) + 1
        return tuple(result)

    @cached_attribute
    def placeholders(self) -> tuple[Placeholder, ...]:
        """The template slots left in the text (〇〇, 【氏名】): found once for every rule."""
        return find_placeholders(self.text)

    @cached_attribute
    def forms_of_address(self) -> tuple[FormInText, ...]:
        """貴社, 御行, 貴院… in the text (naitei.employers.forms_in, with the employer's own
        forms of the context): read by two rule modules."""
        return tuple(forms_in(self.text, self.context.employer_forms))

    @cached_attribute
    def content_lines(self) -> tuple[Line, ...]:
        """Lines with visible text, stripped of surrounding white space."""
        new = tuple.__new__
        return tuple(
            new(Line, (match.start(1), match.end(1), match.group(1)))
            for match in _CONTENT_LINE.finditer(self.text)
        )

    @cached_attribute
    def sentences(self) -> tuple[Sentence, ...]:
        new = tuple.__new__  # Sentence(...) without its Python-level __new__: many per text
        if _TRAILING_SPACE.search(self.text) is None:
            # No sentence can end in a space (only one that runs to a line's end could).
            return tuple(
                [
                    new(Sentence, (m.start(), m.end(), m.group()))
                    for m in _SENTENCE.finditer(self.text)
                ]
            )
        result = []
        for match in _SENTENCE.finditer(self.text):
            text = match.group()
            start = match.start()
            if text[-1] in " \t\r\u3000":
                text = text.rstrip()
            result.append(new(Sentence, (start, start + len(text), text)))
        return tuple(result)

    @cached_attribute
    def _labelled(self) -> tuple[tuple[Line, bool], ...]:
        """Labelled lines of a phone or visit script, each with whether the writer says it."""
        if self.kind not in _SPOKEN:
            return ()
        result = []
        for line in self.lines:
            match = _LABEL.match(line.text)
            if match:
                label = match.group(1) or match.group(2)
                if match.group(1) is None and not self._speaker(label):
                    continue  # 【用件】, （挨拶）: a section heading, not who speaks
                result.append((line, label in _SELF_LABELS))
        return tuple(result)

    def _speaker(self, label: str) -> bool:
        """Is a label in brackets a speaker: oneself, a role (受付, 担当者), a person with 様 or
        さん, or a surname the script also calls 〇〇様 (（西村） beside 西村様)?"""
        return (
            label in _SELF_LABELS
            or label in _ROLE_LABELS
            or label.endswith(("様", "さん"))
            or f"{label}様" in self.text
            or f"{label}さん" in self.text
        )

    @cached_attribute
    def others_lines(self) -> tuple[Line, ...]:
        """Lines of a phone or visit script spoken by the other party (受付：, 佐藤：)."""
        return tuple(line for line, own in self._labelled if not own)

    @cached_attribute
    def said_lines(self) -> tuple[Line, ...]:
        """Lines of a script the writer says (自分：, あなた：); empty without labels."""
        return tuple(line for line, own in self._labelled if own)

    @cached_attribute
    def own_text(self) -> str:
        """The text with the other party's lines blanked out (offsets kept)."""
        if not self.others_lines:
            return self.text
        chars = list(self.text)
        for line in self.others_lines:
            chars[line.start : line.end] = " " * (line.end - line.start)
        return "".join(chars)

    @cached_attribute
    def _others_starts(self) -> frozenset[int]:
        return frozenset(line.start for line in self.others_lines)

    def spoken_by_others(self, offset: int) -> bool:
        """Is ``offset`` on a line of the other party?"""
        if not self.others_lines:
            return False
        return self.text.rfind("\n", 0, offset) + 1 in self._others_starts

    def in_quoted_words(self, offset: int) -> bool:
        """Is ``offset`` on a line that is one quotation in 「」 (「…」 and nothing else, as a
        messenger quotes the client's words)? Those words are kept as said: their 御社 is no
        mistake of the writer's."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        line = self.text[start : end if end >= 0 else len(self.text)].strip(" \u3000")
        return line.startswith("「") and line.endswith("」") and line.count("「") == 1

    @cached_attribute
    def _line_starts(self) -> list[int]:
        """Where each line starts, and len(text) + 1 after the last one."""
        return [0, *accumulate(len(line) + 1 for line in self.text.split("\n"))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a str offset."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def finding(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        *,
        fixable: bool = True,
    ) -> Finding:
        """A finding; it carries a fix when its rule is marked ``fix = true`` in rules.toml
        (and ``fixable`` is not turned off by the caller for this one suggestion).

        A long draft makes tens of thousands of findings: position() is inlined and the
        Finding built by position (issue 13 §6)."""
        starts = self._line_starts
        line = bisect_right(starts, start)
        info = rule_info(rule)
        fix = None
        if (
            info.fix
            and fixable
            and suggestion is not None
            and end > start
            and self.text[start:end] != suggestion
        ):
            fix = Fix(start, end, suggestion)
        column = start - starts[line - 1] + 1
        return Finding(rule, info.severity, start, end, line, column, message, suggestion, fix)
