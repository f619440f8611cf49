"""Typed errors of the core. The faces map them to exit codes and messages.

Messages are Japanese (users read them); they never carry the applicant's
reasons or health details, only file, table and key names and the offending
value when the user typed it into a structural field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from naitei.shape import Shaped

_T = TypeVar("_T")


class NaiteiError(Exception):
    """Base of every error naitei raises on purpose."""

    exit_code = 1


@dataclass(frozen=True)
class Problem(Shaped):
    """One thing wrong with the input: the field it is about (None: the input as a whole) and
    what is wrong, in Japanese. Fields are the core's names (``now``, ``kind``,
    ``[decline].channel``); each face names them its own way (the CLI as its options)."""

    field: str | None
    message: str

    def text(self) -> str:
        """``field: message``, as a line for people."""
        return f"{self.field}: {self.message}" if self.field else self.message


class InputError(NaiteiError):
    """Bad input from the user: a file, an option, a field. Exit code 2."""

    exit_code = 2

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(Problem(field, message).text())

    @property
    def problem(self) -> Problem:
        return Problem(self.field, self.message)


def parsed(parse: Callable[[str], _T], text: str, field: str | None, message: str) -> _T:
    """`parse(text)`; when the parser raises ValueError, an InputError naming `field` that says
    `message` (the parser's own English words never reach the user)."""
    try:
        return parse(text)
    except ValueError:
        raise InputError(message, field=field) from None


class NotFoundError(InputError):
    """Something the user named (a stored case) does not exist. Exit code 2; the web's 404."""


class CaseError(InputError):
    """A case file (or case body) that does not follow CONTRACTS §1: the source it came from
    (a file name, ``body``) and its problems, each naming its table and key as the field."""

    SHOWN = 20  # a hostile file can hold thousands of problems; the first ones are enough

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        shown = self.lines()[: self.SHOWN]
        if len(problems) > self.SHOWN:
            shown.append(f"…ほか {len(problems) - self.SHOWN} 件")
        NaiteiError.__init__(self, "\n".join(shown))
        self.message, self.field = str(self), None

    def lines(self) -> list[str]:
        """One line per problem, each naming the source first: ``case.toml: [offer].date: …``."""
        return [f"{self.source}: {problem.text()}" for problem in self.problems]


class ExternalError(NaiteiError):
    """A failure outside naitei (SMTP, database, disk) with nothing lost. Exit code 3."""

    exit_code = 3


class DataError(NaiteiError):
    """Packaged knowledge (TOML under naitei/data) failed validation: a bug in naitei."""

    exit_code = 1


_OS_REASONS = {
    "ENOSPC": "ディスクの空きがありません（容量か、作れるファイルの数の上限です）",
    "EDQUOT": "ディスクの使用量の上限に達しています",
    "EFBIG": "ファイルの大きさの上限を超えます",
    "EACCES": "読み書きの権限がありません",
    "EPERM": "この操作は許可されていません",
    "EROFS": "読み取り専用の場所です",
    "ENOENT": "見つかりません",
    "EISDIR": "ファイルではなくフォルダです",
    "ENOTDIR": "途中にフォルダでないものがあります",
    "EIO": "ディスクの読み書きに失敗しました",
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in Japanese (the errno's name when it is not a common one)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_REASONS.get(name, error.strerror or name or "原因不明")
