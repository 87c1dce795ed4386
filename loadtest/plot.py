"""``latency.png``: the HDR percentile plot, latency against 1/(1 − percentile) on a log axis.

That axis gives the tail (99 %, 99.9 %) as much room as the median, which is where load problems
show. matplotlib is an optional extra (``intent-router[loadtest]``); without it the plot is skipped
and :func:`write_latency_plot` returns False.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from loadtest.result import RunResult

__all__ = ["save_log_log_figure", "write_latency_plot"]

_TICKS = ((50.0, "50%"), (90.0, "90%"), (99.0, "99%"), (99.9, "99.9%"), (99.99, "99.99%"))


def write_latency_plot(runs: tuple[RunResult, ...], path: Path, *, limit_ms: float | None = None) -> bool:
    """Draw one curve per run and endpoint; True if the file was written, False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display on servers and CI
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, axes = plt.subplots(figsize=(9, 5.5))
    for run in runs:
        for endpoint in run.endpoints:
            # Beyond 1/(1 - p) = count there is no data, only the maximum repeated: stop the curve there.
            count = endpoint.latency.count
            points = [
                (p, ms)
                for p, ms in endpoint.percentile_curve
                if p < 100.0 and 1.0 / (1.0 - p / 100.0) <= count
            ]
            if not points:
                continue
            xs = [1.0 / (1.0 - p / 100.0) for p, _ in points]
            ys = [max(ms, 1e-3) for _, ms in points]
            axes.plot(xs, ys, label=f"{endpoint.name} @ {run.rate_per_s:g}/s", linewidth=1.4)
    if limit_ms is not None:
        axes.axhline(limit_ms, color="red", linestyle="--", linewidth=1, label=f"limit {limit_ms:g} ms")
    axes.set_xticks([1.0 / (1.0 - p / 100.0) for p, _ in _TICKS], [label for _, label in _TICKS])
    save_log_log_figure(
        figure,
        axes,
        path,
        xlabel="percentile",
        ylabel="latency from scheduled send (ms)",
        title="Latency by percentile (open loop, HDR histogram)",
    )
    return True


def save_log_log_figure(figure: Any, axes: Any, path: Path, *, xlabel: str, ylabel: str, title: str) -> None:
    """Finish a log-log chart the way every load-test plot looks (labels, grid, legend) and write it."""
    import matplotlib.pyplot as plt

    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize="small")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
