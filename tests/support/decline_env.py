"""Helpers of the decline tests: a private environment and the expected messages."""

from __future__ import annotations

import os
from pathlib import Path

from naitei.case import DeclineCase, load_case
from naitei.compose.decline_kit import DeclineKit, decline_kit
from tests.support.cases import FIXTURES, NOW

FIVE = FIXTURES / "cases" / "decline-five.toml"
NOW_TEXT = NOW.isoformat()
SENDER = "haruna.sasaki@example.com"
RECIPIENTS = [
    "saiyo@sakura-pub.example.co.jp",
    "jinji@minato-bussan.example.jp",
    "recruit@aoba-system.example.com",
    "saiyo@hokushin-kogyo.example.co.jp",
    "ogawa@career-bridge.example.jp",
]
SMTP_VARIABLES = ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "FROM", "CAFILE")


def five() -> tuple[DeclineCase, DeclineKit]:
    case = load_case(FIVE)
    assert isinstance(case, DeclineCase)
    return case, decline_kit(case, NOW)


def private_env(tmp_path: Path, port: int | None = None, **smtp: str) -> dict[str, str]:
    """The environment of one run: no real data, config or keyring; SMTP to 127.0.0.1:port."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("NAITEI_SMTP_", "NAITEI_DATABASE"))
    }
    env |= {
        "NAITEI_DATA_DIR": str(tmp_path / "data"),
        "NAITEI_CONFIG_DIR": str(tmp_path / "config"),
    }
    if port is not None:
        env |= {
            "NAITEI_SMTP_HOST": "127.0.0.1",
            "NAITEI_SMTP_PORT": str(port),
            "NAITEI_SMTP_SECURITY": "none",
        }
    env |= {f"NAITEI_SMTP_{key.upper()}": value for key, value in smtp.items()}
    return env
