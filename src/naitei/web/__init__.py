"""The local web app of `naitei serve`: the same use cases as the CLI, in a browser."""

from __future__ import annotations

from naitei.web.app import create_app
from naitei.web.settings import Settings

__all__ = ["Settings", "create_app"]
