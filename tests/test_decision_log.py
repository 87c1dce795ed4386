from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from service.decision_log import DecisionLog, DecisionRecord


def record(n: int) -> DecisionRecord:
    return DecisionRecord(
        ts=time.time(),
        request_id=f"r{n}",
        session_id="s",
        endpoint="route",
        text="我电话<PHONE_1>",
        decision="routed",
        intent="find_listing",
        confidence=0.9,
        classifier="embedded",
        degraded=False,
        degraded_reason=None,
        guard_score=0.01,
        guard_reasons=(),
        pii_types=("phone",),
        timings_ms={"total": 1.5},
    )


def dropped() -> float:
    return REGISTRY.get_sample_value("intent_router_decision_log_dropped_total") or 0.0


def test_every_record_is_on_disk_after_close(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.db")
    log.start()
    for n in range(1000):
        log.append(record(n))
    log.close()
    rows = (
        sqlite3.connect(tmp_path / "d.db")
        .execute("SELECT request_id, pii_types, timings_ms FROM decisions")
        .fetchall()
    )
    assert len(rows) == 1000
    assert rows[0] == ("r0", '["phone"]', json.dumps({"total": 1.5}))


def test_database_is_in_wal_mode(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.db")
    log.start()
    log.close()
    mode = sqlite3.connect(tmp_path / "d.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_full_queue_drops_and_counts_instead_of_blocking(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.db", queue_size=2)  # writer not started: nothing drains the queue
    before = dropped()
    for n in range(5):
        log.append(record(n))
    assert dropped() - before == 3


def test_unwritable_path_fails_at_start(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError):
        DecisionLog(blocker / "d.db").start()
