"""The bytes of each request, built once per utterance before the run so sending costs one write.

Bodies are built through the gateway's own ``RouteRequest`` model (``service.api.schemas``, the single
source of truth for HTTP), so a mix line the gateway would reject with a 4xx fails here, before the run,
naming the line, instead of polluting the results with errors.
"""

from __future__ import annotations

import json

from loadtest.errors import LoadTestError
from loadtest.target import Target

__all__ = ["TEXT_PLACEHOLDER", "build_requests", "build_templated_requests"]

# In a body template, this JSON string (quotes included) is replaced by each utterance as a JSON string.
TEXT_PLACEHOLDER = '"{{text}}"'


def build_requests(target: Target, texts: tuple[str, ...], *, budget_ms: int) -> tuple[bytes, ...]:
    """One complete HTTP/1.1 keep-alive request per text (a single GET for GET targets).

    ``budget_ms`` goes into each body so the gateway runs every stage against the same budget the
    report judges. Raises :class:`LoadTestError` for a text or budget the API contract rejects.
    """
    head = f"{target.method} {target.path} HTTP/1.1\r\nHost: {target.host_header}\r\n"
    if target.method == "GET":
        return ((head + "\r\n").encode("ascii"),)
    # Imported here: the gateway's schema module pulls in its pipeline, which GET-only runs do not need.
    from pydantic import ValidationError

    from service.api.schemas import RouteRequest

    requests: list[bytes] = []
    for index, text in enumerate(texts):
        try:
            body = RouteRequest(text=text, budget_ms=budget_ms).model_dump_json(
                exclude_none=True, exclude_defaults=True
            )
        except ValidationError as exc:
            raise LoadTestError(
                f"utterance {index} ({text[:20]!r}…) is not a valid RouteRequest: {exc}"
            ) from exc
        encoded = body.encode("utf-8")
        requests.append(
            (head + f"Content-Type: application/json\r\nContent-Length: {len(encoded)}\r\n\r\n").encode(
                "ascii"
            )
            + encoded
        )
    return tuple(requests)


def build_templated_requests(
    target: Target, texts: tuple[str, ...], *, body_template: str
) -> tuple[bytes, ...]:
    """One POST per text whose body is ``body_template`` with :data:`TEXT_PLACEHOLDER` replaced.

    The hook for loading something other than the gateway's /v1/route with the same generator, e.g.
    vLLM's ``/classify`` (``{"model": "intent", "input": ["{{text}}"]}``) or ``/v1/chat/completions``, to
    measure what the gateway adds on top of calling the model server directly. Raises
    :class:`LoadTestError` if the template lacks the placeholder or is not JSON once filled in.
    """
    if TEXT_PLACEHOLDER not in body_template:
        raise LoadTestError(f"the body template must contain {TEXT_PLACEHOLDER} where the utterance goes")
    head = f"POST {target.path} HTTP/1.1\r\nHost: {target.host_header}\r\nContent-Type: application/json\r\n"
    requests: list[bytes] = []
    for text in texts:
        body = body_template.replace(TEXT_PLACEHOLDER, json.dumps(text, ensure_ascii=False))
        try:
            json.loads(body)
        except ValueError as exc:
            raise LoadTestError(f"the body template is not valid JSON once filled in: {exc}") from exc
        encoded = body.encode("utf-8")
        requests.append((head + f"Content-Length: {len(encoded)}\r\n\r\n").encode("ascii") + encoded)
    return tuple(requests)
