"""Read ms-swift's ``logging.jsonl``, name the failure shapes, suggest where to stop, and plot the curves.

    intent-router train diagnose out/sft/lora/logging.jsonl --out out/sft/lora/diagnosis

Writes ``DIR/diagnosis.json`` = ``{"findings": [{"kind", "step", "detail"}], "suggested_stop_step": int |
null, "config": {...}}`` and ``DIR/curves.png`` (loss with eval loss, token accuracy, grad norm, learning
rate). The kinds are the case study's four classic shapes plus over-fitting:

``loss_not_decreasing``  the last quarter's mean loss is not ``min_relative_drop`` below the first tenth's;
``low_accuracy_plateau`` the loss has flattened but token accuracy stays under ``good_token_acc``;
``loss_spike``           a loss ``spike_ratio`` × the running median of the points before it (its grad norm
                         is quoted: a spike with a grad-norm spike means clip or lower the lr);
``early_stagnation``     most of the drop came in the first fifth, the second half barely moved (under
                         ``flat_relative_change`` of the run's loss range), and the loss is still above
                         ``good_loss`` (the lr never decays, or a saddle);
``overfitting``          eval loss rose ``overfit_rise`` above its minimum on two evals in a row while the
                         training loss kept falling; ``step`` is that minimum.

The suggested stop is the step of the lowest eval loss when the log has eval lines; otherwise the first step
where the smoothed loss is within 5 % of its range from its floor and token accuracy within 0.02 of its best
(the case study's "loss low and accuracy stable" rule), or null when the loss never fell.
"""

from __future__ import annotations

import itertools
import json
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DiagnoseConfig",
    "Finding",
    "TrainingLog",
    "diagnose",
    "plot_curves",
    "read_logging_jsonl",
    "write_diagnosis",
]

KINDS = ("loss_not_decreasing", "low_accuracy_plateau", "loss_spike", "early_stagnation", "overfitting")


@dataclass(frozen=True, slots=True)
class DiagnoseConfig:
    min_relative_drop: float = 0.05  # below this the loss "did not decrease" (last quarter vs first tenth)
    good_token_acc: float = 0.9  # a classifier answering one label should get near 1 (case study: ~1)
    good_loss: float = 0.3  # a loss still above this has not converged for a short-answer task
    # the second half's improvement, as a share of the whole run's loss range, under this is "flat"
    # (relative to the range, not to the loss: 0.03 → 0.02 is −33 % but nothing left to learn)
    flat_relative_change: float = 0.05
    early_share: float = 0.7  # share of the total drop in the first fifth that makes a start "fast"
    spike_ratio: float = 1.5  # a loss this many × the running median of the previous points is a spike
    spike_window: int = 5  # points in that running median
    overfit_rise: float = 0.05  # relative rise of eval loss above its minimum that counts
    smooth_window: int = 5  # moving-average window for the stop rule


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # one of KINDS
    step: int  # the global step it points at
    detail: str  # numbers a person can check against curves.png


@dataclass(frozen=True, slots=True)
class TrainingLog:
    steps: list[int] = field(default_factory=list)  # training lines' global steps
    loss: list[float] = field(default_factory=list)
    token_acc: list[float | None] = field(default_factory=list)
    grad_norm: list[float | None] = field(default_factory=list)
    learning_rate: list[float | None] = field(default_factory=list)
    eval_steps: list[int] = field(default_factory=list)
    eval_loss: list[float] = field(default_factory=list)
    eval_token_acc: list[float | None] = field(default_factory=list)
    max_steps: int | None = None


def _step(row: dict[str, Any]) -> tuple[int, int | None]:
    raw = str(row.get("global_step/max_steps", ""))
    done, _, total = raw.partition("/")
    return int(done), (int(total) if total.isdigit() else None)


def _number(row: dict[str, Any], key: str) -> float | None:
    value = row.get(key)
    return float(value) if isinstance(value, int | float) else None


def read_logging_jsonl(path: Path) -> TrainingLog:
    """Parse training lines (with ``loss``) and eval lines (with ``eval_loss``); other lines are ignored.

    Raises ``ValueError`` naming the line of malformed JSON or a line without ``global_step/max_steps``.
    """
    log = TrainingLog()
    max_steps = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            if "loss" not in row and "eval_loss" not in row:
                continue  # the final summary line (train_runtime, …) and memory lines
            step, max_steps = _step(row)
        except (json.JSONDecodeError, ValueError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a logging.jsonl line ({exc})") from exc
        if "eval_loss" in row:
            log.eval_steps.append(step)
            log.eval_loss.append(float(row["eval_loss"]))
            key = "eval_token_acc" if "eval_token_acc" in row else "eval_acc"
            log.eval_token_acc.append(_number(row, key))
        else:
            log.steps.append(step)
            log.loss.append(float(row["loss"]))
            # seq_cls runs log "acc" (classification accuracy) where generative runs log "token_acc"
            log.token_acc.append(_number(row, "token_acc") if "token_acc" in row else _number(row, "acc"))
            log.grad_norm.append(_number(row, "grad_norm"))
            log.learning_rate.append(_number(row, "learning_rate"))
    return TrainingLog(**{**asdict(log), "max_steps": max_steps})


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _smooth(values: list[float], window: int) -> list[float]:
    return [_mean(values[max(0, i - window + 1) : i + 1]) for i in range(len(values))]


def _spikes(log: TrainingLog, config: DiagnoseConfig) -> list[Finding]:
    found = []
    for i in range(config.spike_window, len(log.loss)):
        before = log.loss[i - config.spike_window : i]
        median = statistics.median(before)
        if median > 0 and log.loss[i] >= config.spike_ratio * median:
            grads = [g for g in log.grad_norm[i - config.spike_window : i] if g is not None]
            grad = log.grad_norm[i]
            note = ""
            if grad is not None and grads:
                note = f"; grad_norm {grad:.3g} vs median {statistics.median(grads):.3g} before"
            found.append(
                Finding(
                    "loss_spike", log.steps[i], f"loss {log.loss[i]:.4g} vs median {median:.4g} before{note}"
                )
            )
    return found


def _overfitting(log: TrainingLog, config: DiagnoseConfig) -> Finding | None:
    if len(log.eval_loss) < 3:
        return None
    best = min(range(len(log.eval_loss)), key=log.eval_loss.__getitem__)
    rising = [
        i
        for i in range(best + 1, len(log.eval_loss))
        if log.eval_loss[i] > log.eval_loss[best] * (1 + config.overfit_rise)
    ]
    consecutive = any(b == a + 1 for a, b in itertools.pairwise(rising))
    if not consecutive:
        return None
    at_best = [x for s, x in zip(log.steps, log.loss, strict=True) if s <= log.eval_steps[best]]
    later = [x for s, x in zip(log.steps, log.loss, strict=True) if s > log.eval_steps[best]]
    if not at_best or not later or _mean(later) >= _mean(at_best[-3:]):
        return None  # train loss rose too: that is divergence, not over-fitting
    return Finding(
        "overfitting",
        log.eval_steps[best],
        f"eval_loss {log.eval_loss[best]:.4g} at step {log.eval_steps[best]} rose to {log.eval_loss[-1]:.4g} "
        f"by step {log.eval_steps[-1]} while train loss fell to {later[-1]:.4g}",
    )


def _suggested_stop(log: TrainingLog, config: DiagnoseConfig, not_decreasing: bool) -> int | None:
    if log.eval_loss:
        return log.eval_steps[min(range(len(log.eval_loss)), key=log.eval_loss.__getitem__)]
    if not_decreasing or not log.loss:
        return None
    loss = _smooth(log.loss, config.smooth_window)
    floor, top = min(loss), max(loss)
    accs = [a for a in log.token_acc if a is not None]
    acc = (
        _smooth([a if a is not None else 0.0 for a in log.token_acc], config.smooth_window) if accs else None
    )
    for i, value in enumerate(loss):
        if value <= floor + 0.05 * (top - floor) and (acc is None or acc[i] >= max(acc) - 0.02):
            return log.steps[i]
    return log.steps[-1]


def diagnose(log: TrainingLog, config: DiagnoseConfig | None = None) -> tuple[list[Finding], int | None]:
    """Return the findings (in step order) and the suggested stop step for a parsed log.

    Raises ``ValueError`` if the log has fewer than 4 training lines (too few to judge a shape).
    """
    config = config or DiagnoseConfig()
    if len(log.loss) < 4:
        raise ValueError(f"need at least 4 training lines to diagnose, got {len(log.loss)}")
    n = len(log.loss)
    first = _mean(log.loss[: max(1, n // 10)])
    last = _mean(log.loss[-max(1, n // 4) :])
    findings: list[Finding] = []
    not_decreasing = last > first * (1 - config.min_relative_drop)
    if not_decreasing:
        findings.append(
            Finding(
                "loss_not_decreasing",
                log.steps[-1],
                f"last-quarter mean loss {last:.4g} vs first-tenth {first:.4g}",
            )
        )
    half = log.loss[n // 2 :]
    loss_range = max(log.loss) - min(log.loss)
    second_half_drop = half[0] - _mean(half[-max(1, len(half) // 4) :])
    second_half_change = second_half_drop / loss_range if loss_range else 0.0
    flat = second_half_change < config.flat_relative_change
    accs = [a for a in log.token_acc[n // 2 :] if a is not None]
    if not not_decreasing and flat and accs and _mean(accs) < config.good_token_acc:
        findings.append(
            Finding(
                "low_accuracy_plateau",
                log.steps[n // 2],
                f"loss flat from step {log.steps[n // 2]} "
                f"(the second half improved {second_half_change:.1%} of the range) "
                f"with token_acc {_mean(accs):.3f} < {config.good_token_acc}",
            )
        )
    findings += _spikes(log, config)
    total_drop = log.loss[0] - min(log.loss)
    early = log.loss[0] - min(log.loss[: max(2, n // 5)])
    if (
        not not_decreasing
        and total_drop > 0
        and early / total_drop >= config.early_share
        and flat
        and last > config.good_loss
    ):
        findings.append(
            Finding(
                "early_stagnation",
                log.steps[max(1, n // 5) - 1],
                f"{early / total_drop:.0%} of the drop by step {log.steps[max(1, n // 5) - 1]}, "
                f"then the second half improved {second_half_change:.1%} of the range; "
                f"loss still {last:.4g} > {config.good_loss}",
            )
        )
    overfit = _overfitting(log, config)
    if overfit:
        findings.append(overfit)
    findings.sort(key=lambda f: (f.step, KINDS.index(f.kind)))
    return findings, _suggested_stop(log, config, not_decreasing)


def plot_curves(log: TrainingLog, out: Path) -> None:
    """Write a 2 × 2 PNG: loss with eval loss, token accuracy (with eval), grad norm, learning rate."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(11, 7), constrained_layout=True)
    Series = list[tuple[str, list[int], list[float] | list[float | None]]]
    panels: list[tuple[Any, str, Series]] = [
        (axes[0][0], "loss", [("train", log.steps, log.loss), ("eval", log.eval_steps, log.eval_loss)]),
        (
            axes[0][1],
            "token accuracy",
            [("train", log.steps, log.token_acc), ("eval", log.eval_steps, log.eval_token_acc)],
        ),
        (axes[1][0], "grad norm", [("train", log.steps, log.grad_norm)]),
        (axes[1][1], "learning rate", [("train", log.steps, log.learning_rate)]),
    ]
    for ax, title, series in panels:
        for name, xs, ys in series:
            points = [(x, y) for x, y in zip(xs, ys, strict=True) if y is not None]
            if points:
                ax.plot(
                    *zip(*points, strict=True),
                    marker="o" if name == "eval" else None,
                    markersize=3,
                    label=name,
                )
        ax.set_title(title)
        if title == "loss" and log.loss and min(log.loss) > 0 and max(log.loss) / min(log.loss) > 20:
            ax.set_yscale("log")  # a random-init start (≈11.9) would flatten everything after it
        ax.set_xlabel("global step")
        ax.grid(alpha=0.3)
        if len(series) > 1 and ax.get_legend_handles_labels()[0]:
            ax.legend()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)


def write_diagnosis(
    logging_jsonl: Path, out_dir: Path, config: DiagnoseConfig | None = None
) -> dict[str, Any]:
    """Diagnose ``logging_jsonl``; write ``diagnosis.json`` and ``curves.png`` into ``out_dir``.

    Returns the diagnosis.json content; raises ``ValueError`` for an unreadable or too short log.
    """
    config = config or DiagnoseConfig()
    log = read_logging_jsonl(logging_jsonl)
    findings, stop = diagnose(log, config)
    result: dict[str, Any] = {
        "findings": [asdict(f) for f in findings],
        "suggested_stop_step": stop,
        "config": asdict(config),
        "source": str(logging_jsonl),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "diagnosis.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    plot_curves(log, out_dir / "curves.png")
    return result
