"""The plain-text table ``intent-router guard eval`` prints (the JSON has every number)."""

from __future__ import annotations

from typing import Any

__all__ = ["format_report"]


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def _rates(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [title]
    for key, r in rows.items():
        lines.append(f"  {key:<44} {r['blocked']:>4}/{r['total']:<4} {_pct(r['rate'])}")
    return lines


def format_report(report: dict[str, Any]) -> str:
    """Tables for TPR, FPR, gray block rate, PII precision/recall and latency."""
    guard = report["guard"]
    lines = [f"guard eval {report['date']}  threshold={report['config']['threshold']}", ""]
    lines += _rates("Injection TPR (blocked / total)", guard["injection_tpr"]["overall"])
    lines += _rates("  by category / language", guard["injection_tpr"]["by_category"])
    lines += _rates("  by language", guard["injection_tpr"]["by_language"])
    lines += _rates("Benign FPR", guard["benign_fpr"]["overall"] | guard["benign_fpr"]["by_subset"])
    lines += _rates(
        "Gray (not injection) block rate",
        guard["gray_block_rate"]["overall"] | guard["gray_block_rate"]["by_subset"],
    )
    for name in ("by_policy", "as_labelled"):
        pii = report["pii"][name]
        lines += ["", f"PII on pii_cases.jsonl ({name.replace('_', ' ')})   precision  recall   tp  fn  fp"]
        for kind, r in (pii["by_type"] | {"ALL": pii["overall"]}).items():
            lines.append(
                f"  {kind:<12} {_pct(r['precision']):>30} {_pct(r['recall'])}"
                f" {r['tp']:>4} {r['fn']:>3} {r['fp']:>3}"
            )
    lines += ["", "Non-PII texts changed by mask_pii (prices, dates, floors must survive)"]
    for name, r in report["pii"]["non_pii_texts_changed"].items():
        lines.append(f"  {name:<20} {r['texts_changed']:>3}/{r['texts']:<4} {r['types_masked']}")
    lat = report["latency_us"]
    lines += [
        "",
        f"Latency per utterance, µs ({lat['utterances']} utterances × {lat['rounds']} rounds, "
        f"mean {lat['mean_chars']:.0f} chars)        p50      p99      max",
        f"  (1-minute load average before/after: {report['machine']['load_average_1m']} "
        f"on {report['machine']['cpus']} CPUs)",
    ]
    for view in ("observed", "intrinsic"):
        for stage in ("sanitize", "guard", "both"):
            s = lat[view][stage]
            lines.append(
                f"  {view + ' ' + stage:<60} {s['p50_us']:>8.1f} {s['p99_us']:>8.1f} {s['max_us']:>8.1f}"
            )
    return "\n".join(lines)
