"""Targets: loopback only unless explicitly allowed, decided before any traffic (or DNS lookup)."""

from __future__ import annotations

import pytest

from loadtest.errors import RemoteTargetRefused, UnsupportedTarget
from loadtest.target import Target, parse_target


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1:8000/v1/route",
        "http://192.168.1.20/v1/route",
        "http://172.16.0.5/v1/route",
        "http://8.8.8.8/v1/route",
        "http://example.com/v1/route",
        "http://0.0.0.0:8000/v1/route",
        "http://[::ffff:10.0.0.1]:8000/v1/route",
        "http://[2001:db8::1]/v1/route",
    ],
)
def test_non_loopback_target_is_refused(url: str) -> None:
    with pytest.raises(RemoteTargetRefused, match="--allow-remote"):
        parse_target(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/v1/route",
        "http://127.0.0.2:9/x",
        "http://localhost/v1/route",
        "http://[::1]:80/",
    ],
)
def test_loopback_target_is_accepted(url: str) -> None:
    assert isinstance(parse_target(url), Target)


def test_allow_remote_accepts_other_hosts_without_resolving_them() -> None:
    target = parse_target("http://gateway.internal:8080/v1/route", allow_remote=True)
    assert (target.host, target.port, target.path) == ("gateway.internal", 8080, "/v1/route")


@pytest.mark.parametrize("url", ["https://127.0.0.1/v1/route", "ftp://127.0.0.1/", "127.0.0.1:8000/v1/route"])
def test_non_http_url_is_unsupported(url: str) -> None:
    with pytest.raises(UnsupportedTarget):
        parse_target(url)


@pytest.mark.parametrize(
    ("path", "method"),
    [("/v1/route", "POST"), ("/v1/classify", "POST"), ("/healthz", "GET"), ("/readyz", "GET")],
)
def test_method_defaults_to_get_for_the_gateways_read_only_paths(path: str, method: str) -> None:
    assert parse_target(f"http://127.0.0.1:8000{path}").method == method


def test_query_string_is_kept_in_the_request_path() -> None:
    assert parse_target("http://127.0.0.1/v1/route?debug=1").path == "/v1/route?debug=1"
