"""Container health probe: exit 0 when the gateway answers GET /healthz with 200, else 1.

The slim base image has no curl, and a probe in Python needs nothing beyond the interpreter that is
already there. The URL defaults to the port the image serves on; HEALTHCHECK_URL overrides it
(tests point it at a loopback port). Standard library only, two-second limit, no output on success.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

_DEFAULT_URL = "http://127.0.0.1:8080/healthz"
_TIMEOUT_SECONDS = 2.0


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", _DEFAULT_URL)
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT_SECONDS) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"healthcheck: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
