"""The options several commands share, defined once so their names and help read the same."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Format(StrEnum):
    """What a command that reports on a case prints: text for people, JSON, or Markdown."""

    text = "text"
    json = "json"
    md = "md"


class DataFormat(StrEnum):
    """What a command about records prints: text for people or JSON."""

    text = "text"
    json = "json"


NowOpt = Annotated[
    str | None,
    typer.Option("--now", help="基準にする日時（例: 2026-11-25T21:00:00+09:00）。既定は現在時刻"),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="出力形式: text（人向け）, json, md")]
DataFormatOpt = Annotated[
    DataFormat, typer.Option("--format", help="出力形式: text（人向け）, json")
]
