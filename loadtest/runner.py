"""The open-loop run: send each request at its scheduled time, whatever the server is doing.

Latency is measured from the *scheduled* send time (or the actual one if it left early), so a request
that had to wait, because the server stalled and every connection was busy, or because the generator
fell behind, carries that wait in its latency. That is what avoids coordinated omission. The run is
bounded: the schedule is finite (:data:`loadtest.arrivals.MAX_REQUESTS_PER_RUN`), every request is
given up after ``timeout_s``, and a hard deadline stops sending if the generator falls hopelessly behind.

This module holds the arrival loop and the accounting. What is sent when comes from
:mod:`loadtest.schedule`; requests wait for a keep-alive connection in :mod:`loadtest.pool`; the HTTP/1.1
exchange on one connection is :mod:`loadtest.connection`; progress snapshots are :mod:`loadtest.progress`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from loadtest.connection import HttpConnection
from loadtest.histogram import LatencyHistogram
from loadtest.plan import Endpoint, RunConfig
from loadtest.pool import ConnectionPool, ScheduledRequest
from loadtest.progress import Progress, ProgressCallback, report_progress
from loadtest.result import GeneratorHealth, RunResult
from loadtest.schedule import iter_schedule
from loadtest.tally import EndpointTally

# Progress and ProgressCallback are re-exported: callers have always imported them from here.
__all__ = ["Progress", "ProgressCallback", "run_load", "run_open_loop"]

# The event loop's timers fire up to ~1 ms late (epoll's timeout is rounded up to whole milliseconds).
# Waking this much early and measuring from min(scheduled, actual send) keeps that timer slop out of
# the latencies without ever shortening a real wait: a late send is still measured from its schedule.
_EARLY_WAKE_S = 0.001
# Start the clock a little after the set-up so the first requests are not already late.
_START_LEAD_S = 0.02


class _Run:
    """The state of one run; also the owner every pool, and the listener every connection, reports to."""

    def __init__(self, endpoints: Sequence[Endpoint], config: RunConfig) -> None:
        self._endpoints = tuple(endpoints)
        self._config = config
        self._loop = asyncio.get_running_loop()
        self._tallies = [EndpointTally(budget_ms=config.budget_ms) for _ in self._endpoints]
        self._pools: dict[tuple[str, int], ConnectionPool] = {}
        self._pool_of: list[ConnectionPool] = []
        for endpoint in self._endpoints:
            key = (endpoint.target.host, endpoint.target.port)
            pool = self._pools.get(key)
            if pool is None:
                pool = self._pools[key] = ConnectionPool(
                    endpoint.target,
                    owner=self,
                    loop=self._loop,
                    max_connections=config.max_connections,
                    timeout_s=config.timeout_s,
                )
            self._pool_of.append(pool)
        self._send_lag = LatencyHistogram()
        self._sent = 0
        self._completed = 0
        self._dispatched = 0
        self._schedule_done = False
        self._finished = asyncio.Event()

    # the arrival loop ----------------------------------------------------------------------------------
    async def execute(self, on_progress: ProgressCallback | None) -> tuple[float, float]:
        config = self._config
        # Enough open connections for ~20 ms of traffic, so set-up cost is not charged to the first requests.
        prewarm = min(config.max_connections, max(1, int(config.rate_per_s * 0.02) + 1))
        for pool in self._pools.values():
            await pool.prewarm(prewarm)
        cpu_start = time.process_time()
        start = time.perf_counter() + _START_LEAD_S
        hard_deadline = start + 2 * config.duration_s + config.timeout_s + 10.0
        sweeper = self._loop.create_task(self._sweep_timeouts())
        reporter = (
            self._loop.create_task(report_progress(lambda: self._progress(start), on_progress))
            if on_progress
            else None
        )
        schedule = iter_schedule(self._endpoints, config)
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
            self._dispatched += 1
            self._pool_of[index].dispatch(ScheduledRequest(index, due, payload))
        self._schedule_done = True
        self._check_finished()
        await self._finished.wait()
        wall_s = time.perf_counter() - start
        cpu_s = time.process_time() - cpu_start
        sweeper.cancel()
        if reporter is not None:
            reporter.cancel()
        await asyncio.gather(sweeper, *(t for t in (reporter,) if t is not None), return_exceptions=True)
        for pool in self._pools.values():
            pool.close()
        return wall_s, cpu_s

    # outcomes (ResponseListener, PoolOwner) ------------------------------------------------------------
    def on_response(
        self,
        connection: HttpConnection[ScheduledRequest],
        ticket: ScheduledRequest,
        status: int,
        body: bytes,
        keep_alive: bool,
    ) -> None:
        self._tallies[ticket.endpoint].record_response(time.perf_counter() - ticket.origin, status, body)
        pool = self._pool_of[ticket.endpoint]
        if keep_alive:
            pool.release(connection)
        else:
            pool.retire(connection)
        self._complete()

    def on_failure(
        self, connection: HttpConnection[ScheduledRequest], ticket: ScheduledRequest, error: BaseException
    ) -> None:
        pool = self._pool_of[ticket.endpoint]
        pool.discard(connection)
        self.fail(ticket, error)
        pool.maybe_connect()

    def on_idle_closed(self, connection: HttpConnection[ScheduledRequest]) -> None:
        for pool in self._pools.values():
            pool.discard_idle_closed(connection)

    def record_sent(self, request: ScheduledRequest, now: float) -> None:
        self._send_lag.record_seconds(max(0.0, now - request.due))
        self._sent += 1

    def fail(self, request: ScheduledRequest, error: BaseException) -> None:
        self._tallies[request.endpoint].record_error(error)
        self._complete()

    def time_out(self, request: ScheduledRequest, now: float) -> None:
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
                pool.sweep_timeouts(now)

    def _progress(self, start: float) -> Progress:
        failed = sum(t.failed for t in self._tallies)
        return Progress(
            elapsed_s=time.perf_counter() - start,
            duration_s=self._config.duration_s,
            sent=self._sent,
            completed=self._completed,
            in_flight=self._dispatched - self._completed,
            failed=failed,
            p99_ms=max(t.p99_ms() for t in self._tallies),
        )

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
                max_connections_open=max((pool.max_open for pool in self._pools.values()), default=0),
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
