"""`naitei lsp`: a real LSP session over stdio with a `naitei lsp` process (issue 13).

initialize → initialized → didOpen → publishDiagnostics → codeAction → didChange → updated
diagnostics → shutdown → exit; positions in UTF-16 code units (a character outside the BMP
before a finding); Markdown with front matter and code blocks; options from
initializationOptions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from naitei.lsp import Positions, blank_markdown
from tests.support.lsp_client import LspClient

URI = "file:///tmp/naitei-lsp/draft.txt"
DRAFT = "株式会社サンプル\n人事部 佐藤様\n\n𠮷田です。御社の件、了解しました。\n"


@pytest.fixture(scope="module")
def server() -> Iterator[LspClient]:
    client = LspClient()
    result = client.initialize({"kind": "email", "purpose": "withdraw"})
    assert result["capabilities"]["codeActionProvider"]
    assert result["serverInfo"]["name"] == "naitei"
    yield client
    assert client.close() == 0


def _by_code(diagnostics: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {d["code"]: d for d in diagnostics}


def _open(server: LspClient, uri: str, text: str, language: str = "plaintext") -> Any:
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    return server.diagnostics(uri, version=1)


def test_a_session_publishes_diagnostics_fixes_and_updates(server: LspClient) -> None:
    found = _by_code(_open(server, URI, DRAFT))
    onsha = found["onsha-in-writing"]
    # 𠮷 (U+20BB7) is two UTF-16 code units: 御社 starts at character 2 + 3 = 6, not 5
    assert onsha["range"] == {
        "start": {"line": 3, "character": 6},
        "end": {"line": 3, "character": 8},
    }
    assert onsha["severity"] == 1 and onsha["source"] == "naitei"
    assert "貴社" in onsha["message"]
    assert found["missing-apology"]["range"]["start"] == {"line": 0, "character": 0}

    actions = server.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": URI},
            "range": onsha["range"],
            "context": {"diagnostics": [onsha]},
        },
    )
    quick = [a for a in actions if a["kind"] == "quickfix"]
    assert [a["edit"]["changes"][URI] for a in quick] == [
        [{"range": onsha["range"], "newText": "貴社"}]
    ]
    assert quick[0]["diagnostics"][0]["code"] == "onsha-in-writing"
    fix_all = next(a for a in actions if a["kind"] == "source.fixAll")
    assert [e["newText"] for e in fix_all["edit"]["changes"][URI]] == ["貴社", "承知しました"]

    fixed = DRAFT.replace("御社", "貴社")
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"text": fixed}],
        },
    )
    after = _by_code(server.diagnostics(URI, version=2))
    assert "onsha-in-writing" not in after
    assert after["ryokai"]["range"]["start"] == {"line": 3, "character": 11}


def test_an_incremental_change_is_applied_in_utf16_units(server: LspClient) -> None:
    uri = "file:///tmp/naitei-lsp/incremental.txt"
    _open(server, uri, "𠮷田です。貴社に伺います。\n")
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": 0, "character": 6},
                        "end": {"line": 0, "character": 8},
                    },
                    "text": "御社",
                }
            ],
        },
    )
    found = _by_code(server.diagnostics(uri, version=2))
    assert found["onsha-in-writing"]["range"]["start"] == {"line": 0, "character": 6}


def test_markdown_ignores_front_matter_and_code(server: LspClient) -> None:
    uri = "file:///tmp/naitei-lsp/draft.md"
    text = (
        "---\ntitle: 御社\n---\n# 下書き\n\n```text\n御社 了解です\n```\n\n"
        "本文では `御社` を避け、御社と書きました。\n"
    )
    diagnostics = _open(server, uri, text, "markdown")
    onsha = [d["range"]["start"] for d in diagnostics if d["code"] == "onsha-in-writing"]
    assert onsha == [{"line": 9, "character": 14}]  # only the one in prose
    assert "ryokai" not in {d["code"] for d in diagnostics}  # 了解です is in a code block
    # the same text as plain text: everything counts
    plain = _open(server, uri.replace(".md", ".txt"), text)
    assert {"ryokai", "onsha-in-writing"} <= {d["code"] for d in plain}


def test_options_choose_the_kind_and_bad_ones_are_reported() -> None:
    client = LspClient()
    try:
        client.initialize({"kind": "phone", "purpose": "no-such-purpose"})
        shown = client.wait(lambda m: m.get("method") == "window/showMessage")
        assert "purpose" in shown["params"]["message"]
        uri = "file:///tmp/naitei-lsp/phone.txt"
        found = _by_code(_open(client, uri, "貴社に伺います。\n"))
        assert "kisha-in-speech" in found and "onsha-in-writing" not in found
    finally:
        assert client.close() == 0


def test_positions_and_markdown_blanking_keep_offsets() -> None:
    text = "a😀b\nc"
    positions = Positions(text)
    assert positions.position(2) == (0, 3)
    assert positions.offset(0, 3) == 2
    assert positions.position(4) == (1, 0)
    assert Positions(text, "utf-32").position(2) == (0, 2)
    markdown = "前\n```\nコード\n```\n後 `x` [リンク](http://e.example/御社)\n"
    blanked = blank_markdown(markdown)
    assert len(blanked) == len(markdown) and blanked.count("\n") == markdown.count("\n")
    assert "コード" not in blanked and "御社" not in blanked and "[リンク]" in blanked
