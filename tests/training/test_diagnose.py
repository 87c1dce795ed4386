"""`train diagnose`: each classic failure shape is named, the stop step suggested, the curves drawn.

The logs are written in ms-swift's logging.jsonl format (training lines with loss, token_acc, grad_norm,
learning_rate and ``global_step/max_steps``; eval lines with eval_loss); a real one from a real run is
diagnosed in test_swift_training.py.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from training.diagnose import read_logging_jsonl, write_diagnosis

MAX_STEPS = 200


def _write_log(
    path: Path,
    loss: Callable[[int], float],
    acc: Callable[[int], float],
    *,
    grad: Callable[[int], float] = lambda s: 1.0,
    eval_loss: Sequence[tuple[int, float]] = (),
) -> Path:
    lines = []
    for step in range(5, MAX_STEPS + 1, 5):
        lines.append(
            {
                "loss": loss(step),
                "grad_norm": grad(step),
                "learning_rate": 1e-5 * min(1.0, step / 10),
                "token_acc": acc(step),
                "epoch": step / 100,
                "global_step/max_steps": f"{step}/{MAX_STEPS}",
                "elapsed_time": "1s",
                "remaining_time": "1s",
                "train_speed(s/it)": 0.3,
            }
        )
        for eval_step, value in eval_loss:
            if eval_step == step:
                lines.append(
                    {
                        "eval_loss": value,
                        "eval_token_acc": 0.9,
                        "global_step/max_steps": f"{step}/{MAX_STEPS}",
                    }
                )
    lines.append(
        {"train_runtime": 60.0, "train_loss": 0.5, "global_step/max_steps": f"{MAX_STEPS}/{MAX_STEPS}"}
    )
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _kinds(result: dict[str, object]) -> list[str]:
    return [f["kind"] for f in result["findings"]]  # type: ignore[attr-defined, index]


def _healthy_loss(step: int) -> float:
    return 2.0 * math.exp(-step / 20) + 0.02


def _healthy_acc(step: int) -> float:
    return 1.0 - 0.6 * math.exp(-step / 20)


def test_a_healthy_run_has_no_findings_and_stops_where_the_curves_flatten(tmp_path: Path) -> None:
    log = _write_log(tmp_path / "logging.jsonl", _healthy_loss, _healthy_acc)
    result = write_diagnosis(log, tmp_path / "out")
    assert result["findings"] == []
    assert 50 <= result["suggested_stop_step"] <= 100  # type: ignore[operator]
    assert (
        json.loads((tmp_path / "out" / "diagnosis.json").read_text())["suggested_stop_step"]
        == result["suggested_stop_step"]
    )
    assert (tmp_path / "out" / "curves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_flat_loss_is_loss_not_decreasing_with_no_stop_step(tmp_path: Path) -> None:
    log = _write_log(tmp_path / "logging.jsonl", lambda s: 2.0 + 0.01 * math.sin(s), lambda s: 0.3)
    result = write_diagnosis(log, tmp_path / "out")
    assert _kinds(result) == ["loss_not_decreasing"]
    assert result["suggested_stop_step"] is None


def test_a_converged_loss_with_low_accuracy_is_a_low_accuracy_plateau(tmp_path: Path) -> None:
    log = _write_log(tmp_path / "logging.jsonl", _healthy_loss, lambda s: min(0.6, 0.2 + s / 100))
    result = write_diagnosis(log, tmp_path / "out")
    assert _kinds(result) == ["low_accuracy_plateau"]
    assert result["findings"][0]["step"] == 105  # type: ignore[index]


def test_a_loss_spike_is_reported_at_its_step_with_the_grad_norm(tmp_path: Path) -> None:
    log = _write_log(
        tmp_path / "logging.jsonl",
        lambda s: 3.0 if s == 120 else _healthy_loss(s),
        _healthy_acc,
        grad=lambda s: 40.0 if s == 120 else 1.0,
    )
    result = write_diagnosis(log, tmp_path / "out")
    assert _kinds(result) == ["loss_spike"]
    finding = result["findings"][0]  # type: ignore[index]
    assert finding["step"] == 120 and "grad_norm 40" in finding["detail"]


def test_a_fast_start_then_a_stall_well_above_zero_is_early_stagnation(tmp_path: Path) -> None:
    log = _write_log(tmp_path / "logging.jsonl", lambda s: 2.0 * math.exp(-s / 8) + 0.8, lambda s: 0.95)
    result = write_diagnosis(log, tmp_path / "out")
    assert _kinds(result) == ["early_stagnation"]


def test_eval_loss_rising_while_train_loss_falls_is_overfitting_and_stops_at_the_best_eval(
    tmp_path: Path,
) -> None:
    evals = [(50, 0.9), (100, 0.5), (150, 0.6), (200, 0.8)]
    log = _write_log(tmp_path / "logging.jsonl", _healthy_loss, _healthy_acc, eval_loss=evals)
    result = write_diagnosis(log, tmp_path / "out")
    assert _kinds(result) == ["overfitting"]
    assert result["findings"][0]["step"] == 100  # type: ignore[index]
    assert result["suggested_stop_step"] == 100


def test_eval_lines_are_read_apart_from_training_lines(tmp_path: Path) -> None:
    log = read_logging_jsonl(
        _write_log(tmp_path / "logging.jsonl", _healthy_loss, _healthy_acc, eval_loss=[(50, 0.9), (100, 0.5)])
    )
    assert (len(log.steps), log.eval_steps, log.eval_loss, log.max_steps) == (40, [50, 100], [0.9, 0.5], 200)


@pytest.mark.parametrize("content", ["not json\n", '{"loss": 1.0}\n'])
def test_a_line_that_is_not_ms_swift_logging_is_named(tmp_path: Path, content: str) -> None:
    path = tmp_path / "logging.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"logging\.jsonl:1:"):
        read_logging_jsonl(path)


def test_too_short_a_log_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "logging.jsonl"
    path.write_text('{"loss": 1.0, "global_step/max_steps": "1/10"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="at least 4"):
        write_diagnosis(path, tmp_path / "out")


def test_a_seq_cls_log_reads_acc_as_the_accuracy(tmp_path: Path) -> None:
    path = tmp_path / "logging.jsonl"
    rows = [{"loss": 1.8, "acc": 0.25, "global_step/max_steps": f"{s}/8"} for s in range(1, 9)]
    rows.append({"eval_loss": 1.7, "eval_acc": 0.5, "global_step/max_steps": "8/8"})
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    log = read_logging_jsonl(path)
    assert (log.token_acc[0], log.eval_token_acc) == (0.25, [0.5])
