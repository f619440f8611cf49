"""What `create_app` needs to know: where it listens, which database, and what time it is."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from naitei.calendar import JST
from naitei.vocabulary import LOCAL_HOSTS

if TYPE_CHECKING:
    from naitei.services.cases import Store


def system_clock() -> dt.datetime:
    """The current time in Japan (the web app's default `now`)."""
    return dt.datetime.now(JST).replace(microsecond=0)


def host_name(host: str) -> str:
    """How a host appears in a Host header: IPv6 literals in brackets, lower case."""
    host = host.strip().lower()
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


@dataclass(frozen=True)
class Settings:
    """host/port: where the server listens; database_url: an SQLAlchemy URL (None means
    NAITEI_DATABASE_URL or the data folder); store: an already open store (tests);
    clock: the `now` of every plan and document (tests pass a fixed one); token: the key
    every request must carry (naitei.web.auth); tls: served over HTTPS."""

    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str | None = None
    store: Store | None = None
    clock: Callable[[], dt.datetime] = system_clock
    extra_hosts: tuple[str, ...] = field(default=())
    # The key of this server (naitei.web.auth): random unless given (tests, scripts).
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    tls: bool = False  # served over HTTPS (--tls-cert): Secure cookies, https origins

    def allowed_hosts(self) -> frozenset[str]:
        """Every Host header value the server answers (DNS-rebinding defence)."""
        names = {
            *map(host_name, LOCAL_HOSTS),
            host_name(self.host),
            *map(host_name, self.extra_hosts),
        }
        hosts = {f"{name}:{self.port}" for name in names}
        if self.port == 80:
            hosts |= names  # browsers leave the default port out
        return frozenset(hosts)

    def allowed_origins(self) -> frozenset[str]:
        """The Origin header values of the app's own pages."""
        scheme = "https" if self.tls else "http"
        return frozenset(f"{scheme}://{host}" for host in self.allowed_hosts())
