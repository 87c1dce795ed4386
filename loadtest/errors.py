"""The load tester's exceptions, rooted at one type so the CLI can catch them in one place.

LoadTestError
 ├── RemoteTargetRefused   the URL is not on this machine and --allow-remote was not given
 ├── UnsupportedTarget     not an http:// URL the client can speak to
 └── MixError              the utterance file is missing, empty or malformed
"""

from __future__ import annotations

__all__ = ["LoadTestError", "MixError", "RemoteTargetRefused", "UnsupportedTarget"]


class LoadTestError(Exception):
    """Misuse of the load tester; the message says which value is wrong."""


class RemoteTargetRefused(LoadTestError):
    """The target is not a loopback address (see :mod:`loadtest.target` for why that matters)."""


class UnsupportedTarget(LoadTestError):
    """The URL's scheme or shape is not one the load tester's HTTP/1.1 client speaks."""


class MixError(LoadTestError):
    """The utterance mix could not be loaded."""
