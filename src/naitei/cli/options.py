"""The options several commands share, defined once so their names and help read the same."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from naitei.compose.after_facts import GivenFacts

F = TypeVar("F", bound=Callable[..., Any])


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
CaseArg = Annotated[Path, typer.Argument(help="ケースファイル（TOML）", show_default=False)]
VerticalOpt = Annotated[bool, typer.Option("--vertical", help="手紙の PDF を縦書きにする")]


# The facts of an answer (naitei.compose.after_facts.GivenFacts), one option each.
HeardByOpt = Annotated[
    str | None,
    typer.Option(
        "--heard-by",
        help="返事を受けた方法: phone, visit, email, agent（言わなければ文面で触れません）",
    ),
]
HeardOnOpt = Annotated[str | None, typer.Option("--heard-on", help="返事を受けた日（既定は今日）")]
AnswerByOpt = Annotated[
    str | None, typer.Option("--answer-by", help="先方が返事をくれると言った日（例: 2026-12-01）")
]
AskedOnOpt = Annotated[str | None, typer.Option("--asked-on", help="撤回をお願いした日")]
VisitAtOpt = Annotated[
    str | None, typer.Option("--visit-at", help="訪問の日時（例: 2026-12-03T14:00）")
]
PlaceOpt = Annotated[str, typer.Option("--place", help="訪問の場所（先方に言われたとおり）")]
BringOpt = Annotated[
    list[str] | None,
    typer.Option("--bring", help="持参するよう言われたもの（繰り返すか、読点で区切る）"),
]
AskedToVisitOpt = Annotated[
    bool, typer.Option("--asked-to-visit", help="（decline-keep）来社を求められた")
]
AFTER_FACT_OPTIONS: dict[str, tuple[Any, Any]] = {  # GivenFacts field -> (option, default)
    "heard_by": (HeardByOpt, None),
    "heard_on": (HeardOnOpt, None),
    "answer_by": (AnswerByOpt, None),
    "asked_on": (AskedOnOpt, None),
    "visit_at": (VisitAtOpt, None),
    "place": (PlaceOpt, ""),
    "bring": (BringOpt, None),
    "asked_to_visit": (AskedToVisitOpt, False),
}
NO_FACTS: Any = None  # the default of a `facts` parameter: takes_after_facts always passes one


def takes_after_facts(command: F) -> F:
    """Give `command` the options of an answer's facts (--heard-by … --asked-to-visit), handed
    to it as one parameter, `facts: GivenFacts`, in their place among its options."""
    # GivenFacts is imported when the command runs (the CLI starts without pydantic).
    signature = inspect.signature(command, eval_str=True, locals={"GivenFacts": object})
    options = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=option)
        for name, (option, default) in AFTER_FACT_OPTIONS.items()
    ]
    kept = [p for p in signature.parameters.values() if p.name != "facts"]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(*args, facts=given_facts(kwargs), **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*kept, *options])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*kept, *options]}
    return wrapper  # type: ignore[return-value]


def given_facts(options: dict[str, Any]) -> GivenFacts:
    """Take the facts' options out of a command's keyword arguments, as one GivenFacts."""
    from naitei.compose.after_facts import GivenFacts

    return GivenFacts(**{name: options.pop(name) for name in AFTER_FACT_OPTIONS})
