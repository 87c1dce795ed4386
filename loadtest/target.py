"""Where the load goes: a parsed ``http://`` URL, refused unless it is on this machine.

Why loopback only: a load generator is a traffic weapon. This workplace forbids load, soak or stress
traffic to any address that is not on this machine (127.0.0.0/8, ``::1``, ``localhost``), and such
traffic is watched for. So the default is to refuse every other host *before* anything is sent, even
a DNS lookup. ``allow_remote=True`` (``--allow-remote`` on the command line) lifts the check for people
running the tool on their own infrastructure, where they own both ends.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from loadtest.errors import RemoteTargetRefused, UnsupportedTarget

__all__ = ["Target", "is_loopback_host", "parse_target"]

# Paths of the gateway that are read with GET (DESIGN §2); everything else is POSTed a RouteRequest.
_GET_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/v1/intents"})


@dataclass(frozen=True, slots=True)
class Target:
    """One endpoint: ``host``/``port`` to connect to, ``path`` (with query) to request, ``method`` to use."""

    host: str
    port: int
    path: str
    method: str

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise UnsupportedTarget(f"port must be in 1..65535, got {self.port}")
        if not self.path.startswith("/"):
            raise UnsupportedTarget(f"path must start with '/', got {self.path!r}")
        if self.method not in ("GET", "POST"):
            raise UnsupportedTarget(f"method must be GET or POST, got {self.method!r}")

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.path}"

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and literal addresses in 127.0.0.0/8 or ``::1``; no name is resolved."""
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name other than localhost: resolving it would already be traffic we cannot vouch for
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def parse_target(url: str, *, allow_remote: bool = False, method: str | None = None) -> Target:
    """Parse ``url`` into a :class:`Target`.

    ``method`` defaults to GET for the gateway's read-only paths (``/healthz``, ``/readyz``, ``/metrics``,
    ``/v1/intents``) and POST otherwise. Raises :class:`UnsupportedTarget` for anything but ``http://``
    and :class:`RemoteTargetRefused` for a non-loopback host unless ``allow_remote`` is true.
    """
    parts = urlsplit(url)
    if parts.scheme != "http":
        raise UnsupportedTarget(f"only http:// URLs are supported, got {url!r}")
    host = parts.hostname
    if not host:
        raise UnsupportedTarget(f"URL has no host: {url!r}")
    if not allow_remote and not is_loopback_host(host):
        raise RemoteTargetRefused(
            f"refusing to load-test {host!r}: only loopback targets (127.0.0.0/8, ::1, localhost) are "
            "allowed without --allow-remote, because load traffic to other machines is forbidden here"
        )
    try:
        port = parts.port or 80
    except ValueError as exc:
        raise UnsupportedTarget(f"bad port in {url!r}") from exc
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    chosen = method or ("GET" if (parts.path or "/") in _GET_PATHS else "POST")
    return Target(host=host, port=port, path=path, method=chosen.upper())
