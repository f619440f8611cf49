"""Typed errors of the core. The faces map them to exit codes and messages.

Messages are Japanese (users read them); they never carry the applicant's
reasons or health details, only file, table and key names and the offending
value when the user typed it into a structural field.
"""

from __future__ import annotations


class NaiteiError(Exception):
    """Base of every error naitei raises on purpose."""

    exit_code = 1


class InputError(NaiteiError):
    """Bad input from the user: a file, an option, a field. Exit code 2."""

    exit_code = 2


class NotFoundError(InputError):
    """Something the user named (a stored case) does not exist. Exit code 2; the web's 404."""


class CaseError(InputError):
    """A case file (or case body) that does not follow CONTRACTS §1.

    ``problems`` holds one line per problem, each naming the file, the table and the key.
    """

    SHOWN = 20  # a hostile file can hold thousands of problems; the first ones are enough

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[: self.SHOWN]
        if len(problems) > self.SHOWN:
            shown.append(f"…ほか {len(problems) - self.SHOWN} 件")
        super().__init__("\n".join(shown))


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
