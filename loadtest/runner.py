"""The open-loop run: send each request at its scheduled time, whatever the server is doing.

Latency is measured from the *scheduled* send time (or the actual one if it left early), so a request
that had to wait, because the server stalled and every connection was busy, or because the generator
fell behind, carries that wait in its latency. That is what avoids coordinated omission. The run is
bounded: the schedule is finite (:data:`loadtest.arrivals.MAX_REQUESTS_PER_RUN`), every request is
given up after ``timeout_s``, and a hard deadline stops sending if the generator falls hopelessly behind.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from loadtest.arrivals import iter_endpoint_arrivals
from loadtest.connection import HttpConnection
from loadtest.histogram import LatencyHistogram
from loadtest.plan import Endpoint, RunConfig
from loadtest.result import GeneratorHealth, RunResult
from loadtest.tally import EndpointTally
from loadtest.target import Target

__all__ = ["Progress", "ProgressCallback", "run_load", "run_open_loop"]

# The event loop's timers fire up to ~1 ms late (epoll's timeout is rounded up to whole milliseconds).
# Waking this much early and measuring from min(scheduled, actual send) keeps that timer slop out of
# the latencies without ever shortening a real wait: a late send is still measured from its schedule.
_EARLY_WAKE_S = 0.001
# Start the clock a little after the set-up so the first requests are not already late.
_START_LEAD_S = 0.02
_PROGRESS_INTERVAL_S = 1.0


@dataclass(frozen=True, slots=True)
class Progress:
    """A once-a-second snapshot for a progress line."""

    elapsed_s: float
    duration_s: float
    sent: int
    completed: int
    in_flight: int
    failed: int
    p99_ms: float


ProgressCallback = Callable[[Progress], None]


class _Request:
    """One scheduled request: the ticket a connection carries while it is in flight."""

    __slots__ = ("due", "endpoint", "origin", "payload")

    def __init__(self, endpoint: int, due: float, payload: bytes) -> None:
        self.endpoint = endpoint
        self.due = due  # perf_counter() time it is scheduled to leave
        self.origin = due  # what its latency is measured from: min(due, actual send)
        self.payload = payload


class _Pool:
    """Keep-alive connections to one host:port; requests queue here when all are busy."""

    __slots__ = ("connecting", "connections", "idle", "target", "waiting")

    def __init__(self, target: Target) -> None:
        self.target = target
        self.connections: set[HttpConnection[_Request]] = set()
        self.idle: list[HttpConnection[_Request]] = []
        self.waiting: deque[_Request] = deque()
        self.connecting = 0


class _Run:
    """The state of one run; also the listener every connection reports to."""

    def __init__(self, endpoints: Sequence[Endpoint], config: RunConfig) -> None:
        self._endpoints = tuple(endpoints)
        self._config = config
        self._loop = asyncio.get_running_loop()
        self._tallies = [EndpointTally(budget_ms=config.budget_ms) for _ in self._endpoints]
        self._pools: dict[tuple[str, int], _Pool] = {}
        self._pool_of: list[_Pool] = []
        for endpoint in self._endpoints:
            key = (endpoint.target.host, endpoint.target.port)
            pool = self._pools.get(key)
            if pool is None:
                pool = self._pools[key] = _Pool(endpoint.target)
            self._pool_of.append(pool)
        self._tasks: set[asyncio.Task[None]] = set()
        self._send_lag = LatencyHistogram()
        self._sent = 0
        self._completed = 0
        self._dispatched = 0
        self._schedule_done = False
        self._finished = asyncio.Event()
        self._max_open = 0

    # the schedule --------------------------------------------------------------------------------------
    def _schedule(self) -> Iterator[tuple[float, int, bytes]]:
        streams = iter_endpoint_arrivals(
            self._config.arrivals,
            endpoints=len(self._endpoints),
            rate_per_s=self._config.rate_per_s,
            duration_s=self._config.duration_s,
            seed=self._config.seed,
        )
        payload_orders = [self._payload_cycle(index) for index in range(len(self._endpoints))]
        for offset, index in streams:
            yield offset, index, next(payload_orders[index])

    def _payload_cycle(self, index: int) -> Iterator[bytes]:
        # A seeded shuffle, then round-robin: every utterance is sent equally often, in no fixed order.
        requests = list(self._endpoints[index].requests)
        random.Random(self._config.seed + 1000 + index).shuffle(requests)
        while True:
            yield from requests

    async def execute(self, on_progress: ProgressCallback | None) -> tuple[float, float]:
        config = self._config
        for pool in self._pools.values():
            await self._prewarm(pool)
        cpu_start = time.process_time()
        start = time.perf_counter() + _START_LEAD_S
        hard_deadline = start + 2 * config.duration_s + config.timeout_s + 10.0
        sweeper = self._loop.create_task(self._sweep_timeouts())
        reporter = self._loop.create_task(self._report_progress(start, on_progress)) if on_progress else None
        schedule = self._schedule()
        for offset, index, payload in schedule:
            due = start + offset
            delay = due - time.perf_counter() - _EARLY_WAKE_S
            # sleep(0) when behind still yields, so responses keep being read while catching up.
            await asyncio.sleep(delay if delay > 0 else 0)
            if time.perf_counter() > hard_deadline:
                self._tallies[index].record_not_sent()
                for _, rest_index, _ in schedule:
                    self._tallies[rest_index].record_not_sent()
                break
            self._tallies[index].scheduled += 1
            self._dispatch(_Request(index, due, payload))
        self._schedule_done = True
        self._check_finished()
        await self._finished.wait()
        wall_s = time.perf_counter() - start
        cpu_s = time.process_time() - cpu_start
        sweeper.cancel()
        if reporter is not None:
            reporter.cancel()
        await asyncio.gather(sweeper, *(t for t in (reporter,) if t is not None), return_exceptions=True)
        self._close_all()
        return wall_s, cpu_s

    # sending -------------------------------------------------------------------------------------------
    async def _prewarm(self, pool: _Pool) -> None:
        # Enough open connections for ~20 ms of traffic, so set-up cost is not charged to the first requests.
        count = min(self._config.max_connections, max(1, int(self._config.rate_per_s * 0.02) + 1))
        for _ in range(count):
            try:
                _, connection = await self._loop.create_connection(
                    lambda: HttpConnection[_Request](self), pool.target.host, pool.target.port
                )
            except OSError:
                return  # the run itself will count the refusals per request
            pool.connections.add(connection)
            pool.idle.append(connection)
        self._max_open = max(self._max_open, len(pool.connections))

    def _dispatch(self, request: _Request) -> None:
        self._dispatched += 1
        pool = self._pool_of[request.endpoint]
        while pool.idle:
            connection = pool.idle.pop()
            if not connection.closed:
                self._send(pool, connection, request)
                return
        pool.waiting.append(request)
        self._maybe_connect(pool)

    def _send(self, pool: _Pool, connection: HttpConnection[_Request], request: _Request) -> None:
        now = time.perf_counter()
        request.origin = min(request.due, now)
        self._send_lag.record_seconds(max(0.0, now - request.due))
        self._sent += 1
        connection.send(request.payload, request)

    def _maybe_connect(self, pool: _Pool) -> None:
        if pool.waiting and len(pool.connections) + pool.connecting < self._config.max_connections:
            pool.connecting += 1
            task = self._loop.create_task(self._connect(pool))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _connect(self, pool: _Pool) -> None:
        try:
            _, connection = await self._loop.create_connection(
                lambda: HttpConnection[_Request](self), pool.target.host, pool.target.port
            )
        except OSError as exc:
            pool.connecting -= 1
            if pool.waiting:
                self._fail(pool.waiting.popleft(), exc)
            self._maybe_connect(pool)
            return
        pool.connecting -= 1
        pool.connections.add(connection)
        self._max_open = max(self._max_open, len(pool.connections))
        self._release(pool, connection)

    def _release(self, pool: _Pool, connection: HttpConnection[_Request]) -> None:
        """A connection is free: give it the oldest waiting request that is still worth sending."""
        now = time.perf_counter()
        while pool.waiting:
            request = pool.waiting.popleft()
            if now - request.origin > self._config.timeout_s:
                self._time_out(request, now)
                continue
            self._send(pool, connection, request)
            return
        pool.idle.append(connection)

    # outcomes (ResponseListener) -----------------------------------------------------------------------
    def on_response(
        self,
        connection: HttpConnection[_Request],
        ticket: _Request,
        status: int,
        body: bytes,
        keep_alive: bool,
    ) -> None:
        self._tallies[ticket.endpoint].record_response(time.perf_counter() - ticket.origin, status, body)
        pool = self._pool_of[ticket.endpoint]
        if keep_alive:
            self._release(pool, connection)
        else:
            connection.close()
            pool.connections.discard(connection)
            self._maybe_connect(pool)
        self._complete()

    def on_failure(
        self, connection: HttpConnection[_Request], ticket: _Request, error: BaseException
    ) -> None:
        pool = self._pool_of[ticket.endpoint]
        pool.connections.discard(connection)
        self._fail(ticket, error)
        self._maybe_connect(pool)

    def on_idle_closed(self, connection: HttpConnection[_Request]) -> None:
        for pool in self._pools.values():
            if connection in pool.connections:
                pool.connections.discard(connection)
                if connection in pool.idle:
                    pool.idle.remove(connection)
                self._maybe_connect(pool)

    def _fail(self, request: _Request, error: BaseException) -> None:
        self._tallies[request.endpoint].record_error(error)
        self._complete()

    def _time_out(self, request: _Request, now: float) -> None:
        self._tallies[request.endpoint].record_timeout(now - request.origin)
        self._complete()

    def _complete(self) -> None:
        self._completed += 1
        self._check_finished()

    def _check_finished(self) -> None:
        if self._schedule_done and self._completed >= self._dispatched:
            self._finished.set()

    # background ----------------------------------------------------------------------------------------
    async def _sweep_timeouts(self) -> None:
        # Granularity a tenth of the timeout (1 ms..100 ms): timeouts are detected at most 10 % late.
        interval_s = min(max(self._config.timeout_s / 10, 0.001), 0.1)
        while True:
            await asyncio.sleep(interval_s)
            now = time.perf_counter()
            for pool in self._pools.values():
                for connection in list(pool.connections):
                    ticket = connection.ticket
                    if ticket is not None and now - ticket.origin > self._config.timeout_s:
                        connection.abandon()
                        pool.connections.discard(connection)
                        self._time_out(ticket, now)
                while pool.waiting and now - pool.waiting[0].origin > self._config.timeout_s:
                    self._time_out(pool.waiting.popleft(), now)
                self._maybe_connect(pool)

    async def _report_progress(self, start: float, on_progress: ProgressCallback) -> None:
        while True:
            await asyncio.sleep(_PROGRESS_INTERVAL_S)
            failed = sum(t.failed for t in self._tallies)
            on_progress(
                Progress(
                    elapsed_s=time.perf_counter() - start,
                    duration_s=self._config.duration_s,
                    sent=self._sent,
                    completed=self._completed,
                    in_flight=self._dispatched - self._completed,
                    failed=failed,
                    p99_ms=max(t.p99_ms() for t in self._tallies),
                )
            )

    def _close_all(self) -> None:
        for pool in self._pools.values():
            for connection in pool.connections:
                connection.close()
            pool.connections.clear()
            pool.idle.clear()
        for task in self._tasks:
            task.cancel()

    # results -------------------------------------------------------------------------------------------
    def result(self, *, started_at: str, wall_s: float, cpu_s: float) -> RunResult:
        endpoints = [
            tally.result(name=endpoint.name, target=endpoint.target)
            for endpoint, tally in zip(self._endpoints, self._tallies, strict=True)
        ]
        return RunResult(
            rate_per_s=self._config.rate_per_s,
            duration_s=self._config.duration_s,
            arrivals=self._config.arrivals.value,
            budget_ms=self._config.budget_ms,
            timeout_s=self._config.timeout_s,
            started_at=started_at,
            wall_s=wall_s,
            endpoints=tuple(endpoints),
            generator=GeneratorHealth(
                send_lag=self._send_lag.summary(),
                cpu_share=cpu_s / wall_s if wall_s > 0 else 0.0,
                max_connections_open=self._max_open,
                event_loop=type(self._loop).__module__.split(".")[0],
            ),
        )


async def run_open_loop(
    endpoints: Sequence[Endpoint], config: RunConfig, *, on_progress: ProgressCallback | None = None
) -> RunResult:
    """Run one open-loop load test on the current event loop and return what it measured.

    Never raises for server misbehaviour (refusals, resets, 5xx, stalls): those are results. Raises
    ``ValueError`` for an empty endpoint list.
    """
    if not endpoints:
        raise ValueError("at least one endpoint is needed")
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    run = _Run(endpoints, config)
    wall_s, cpu_s = await run.execute(on_progress)
    return run.result(started_at=started_at, wall_s=wall_s, cpu_s=cpu_s)


def run_load(
    endpoints: Sequence[Endpoint], config: RunConfig, *, on_progress: ProgressCallback | None = None
) -> RunResult:
    """:func:`run_open_loop` on a fresh event loop: uvloop's where installed (cheaper per request)."""
    with asyncio.Runner(loop_factory=_new_event_loop()) as runner:
        return runner.run(run_open_loop(endpoints, config, on_progress=on_progress))


def _new_event_loop() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop
