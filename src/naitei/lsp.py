"""``naitei lsp``: the checker as a Language Server (pygls) over stdio.

Diagnostics for plain text and Markdown documents, published on open, change and save; the
safe fixes (``fix = true`` in data/check/rules.toml) as quick fixes, and one action that
applies all of them when they bring no error of their own. The dictionary is loaded once,
when the client initializes.

Options come in ``initializationOptions``: ``{"kind": "email", "purpose": "withdraw"}``
(kind: email | letter | phone | visit; purpose: any of the checker's purposes). In Markdown,
front matter, fenced and indented code blocks, inline code, HTML comments and link targets
are blanked (same length, line breaks kept) before the check, so every offset maps back
unchanged. Positions are sent in the encoding negotiated with the client (UTF-16 code units
by default, as LSP requires).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lsprotocol import types

    from naitei.check import Finding, Report

NAME = "naitei"
_SEVERITY = {"error": 1, "warning": 2, "info": 3}  # DiagnosticSeverity
_MARKDOWN_IDS = frozenset({"markdown", "mdx"})
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

# Markdown that is not prose: blanked before the check (offsets kept).
_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M
)
_FENCE = re.compile(
    r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[`~]*[ \t]*$|\Z)", re.S | re.M
)
_INDENTED = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK_TARGET = re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)")


def blank_markdown(text: str) -> str:
    """``text`` with the parts of a Markdown file that are not prose replaced by spaces."""
    chars = list(text)
    for pattern in (_FRONT_MATTER, _FENCE, _INDENTED, _COMMENT, _INLINE_CODE, _LINK_TARGET):
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] not in "\r\n":
                    chars[i] = " "
    return "".join(chars)


class Positions:
    """str offsets ↔ LSP positions (line, character in the client's code units)."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def _units(self, chunk: str) -> int:
        if self.encoding == "utf-32":
            return len(chunk)
        if self.encoding == "utf-8":
            return len(chunk.encode("utf-8", "surrogatepass"))
        return len(chunk) + sum(1 for char in chunk if ord(char) > 0xFFFF)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, self._units(self.text[start:offset])

    def offset(self, line: int, character: int) -> int:
        """The str offset of an LSP position (clamped to the line)."""
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(line, 0)]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        units = 0
        for i in range(start, end):
            if units >= character:
                return i
            units += self._units(self.text[i])
        return end


@dataclass
class Options:
    kind: str = "email"
    purpose: str = "withdraw"


def default_purpose() -> str:
    from naitei.check import PURPOSES

    return "auto" if "auto" in PURPOSES else "withdraw"


def read_options(raw: Any) -> tuple[Options, list[str]]:
    """The options of ``initializationOptions`` and a Japanese message for each bad one."""
    from naitei.check import KINDS, PURPOSES

    options = Options(purpose=default_purpose())
    problems: list[str] = []
    if not isinstance(raw, dict):
        return options, problems
    for key, allowed in (("kind", KINDS), ("purpose", PURPOSES)):
        value = raw.get(key)
        if value is None:
            continue
        if value in allowed:
            setattr(options, key, value)
        else:
            problems.append(
                f"naitei: {key} に {value!r} は使えません（{', '.join(allowed)}）。"
                f"{getattr(options, key)} で点検します。"
            )
    return options, problems


def is_markdown(uri: str, language_id: str | None) -> bool:
    if language_id:
        return language_id in _MARKDOWN_IDS
    return uri.lower().endswith(_MARKDOWN_SUFFIXES)


def check_document(text: str, markdown: bool, options: Options) -> Report:
    """The report of one editor document (Markdown blanked first, offsets unchanged)."""
    from naitei.check import check_text

    checked = blank_markdown(text) if markdown else text
    return check_text(checked, options.kind, options.purpose)  # type: ignore[arg-type]


def diagnostics(report: Report, text: str, encoding: str = "utf-16") -> list[types.Diagnostic]:
    from lsprotocol import types

    positions = Positions(text, encoding)
    first_line_end = text.find("\n")
    first_line_end = len(text) if first_line_end < 0 else first_line_end
    result = []
    for finding in report.findings:
        start, end = finding.start, finding.end
        if start == end == 0:  # a whole-document finding: mark the first line
            end = first_line_end
        result.append(
            types.Diagnostic(
                range=_range(positions, start, end),
                severity=types.DiagnosticSeverity(_SEVERITY[finding.severity]),
                code=finding.rule,
                source=NAME,
                message=_message(finding),
                data={"fix": finding.fix.to_dict()} if finding.fix is not None else None,
            )
        )
    return result


def _message(finding: Finding) -> str:
    if finding.suggestion is None:
        return finding.message
    return f"{finding.message}\n修正案: {finding.suggestion}"


def _range(positions: Positions, start: int, end: int) -> types.Range:
    from lsprotocol import types

    (l1, c1), (l2, c2) = positions.position(start), positions.position(end)
    return types.Range(start=types.Position(l1, c1), end=types.Position(l2, c2))


def code_actions(
    uri: str,
    text: str,
    report: Report,
    wanted: types.Range,
    encoding: str = "utf-16",
    markdown: bool = False,
    options: Options | None = None,
) -> list[types.CodeAction]:
    """A quick fix for each safe fix that touches ``wanted``, and one that applies them all."""
    from lsprotocol import types

    from naitei.check.fix import fix_text

    positions = Positions(text, encoding)
    low = positions.offset(wanted.start.line, wanted.start.character)
    high = positions.offset(wanted.end.line, wanted.end.character)
    published = dict(zip(report.findings, diagnostics(report, text, encoding), strict=True))
    actions = []
    for finding, diagnostic in published.items():
        fix = finding.fix
        if fix is None or fix.end < low or fix.start > high:
            continue
        edit = types.TextEdit(range=_range(positions, fix.start, fix.end), new_text=fix.text)
        actions.append(
            types.CodeAction(
                title=f"「{text[fix.start : fix.end]}」を「{fix.text}」に直す",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
                is_preferred=True,
            )
        )
    if any(f.fix is not None for f in report.findings):
        checked = blank_markdown(text) if markdown else text
        result = fix_text(checked, report.kind, report.purpose, report=report, errors_only=True)  # type: ignore[arg-type]
        if result.applied and result.safe:
            edits = [
                types.TextEdit(range=_range(positions, f.start, f.end), new_text=f.text)
                for f in result.applied
            ]
            actions.append(
                types.CodeAction(
                    title=f"naitei: 安全な修正をすべて反映する（{len(edits)}か所）",
                    kind=types.CodeActionKind.SourceFixAll,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
    return actions


def make_server() -> Any:
    """The pygls server with its handlers (imported here: only `naitei lsp` needs pygls)."""
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from naitei import __version__

    server = LanguageServer(NAME, __version__)
    state: dict[str, Any] = {"options": Options(purpose=default_purpose())}
    reports: dict[str, tuple[int | None, Report]] = {}

    def encoding() -> str:
        value = server.workspace.position_encoding
        return str(getattr(value, "value", value) or "utf-16")

    def publish(uri: str) -> None:
        document = server.workspace.get_text_document(uri)
        markdown = is_markdown(uri, document.language_id)
        report = check_document(document.source, markdown, state["options"])
        reports[uri] = (document.version, report)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=diagnostics(report, document.source, encoding()),
            )
        )

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        from naitei.check import warm_up

        options, problems = read_options(params.initialization_options)
        state["options"] = options
        state["problems"] = problems
        warm_up()  # the dictionary, once, before the first document arrives

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        for problem in state.get("problems", []):
            server.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=problem)
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        reports.pop(params.text_document.uri, None)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = server.workspace.get_text_document(uri)
        markdown = is_markdown(uri, document.language_id)
        cached = reports.get(uri)
        if cached is not None and cached[0] == document.version:
            report = cached[1]
        else:
            report = check_document(document.source, markdown, state["options"])
            reports[uri] = (document.version, report)
        return code_actions(
            uri, document.source, report, params.range, encoding(), markdown, state["options"]
        )

    return server


def serve() -> None:
    """Speak LSP over stdin/stdout until the client says exit."""
    make_server().start_io()
