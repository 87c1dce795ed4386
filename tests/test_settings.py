from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from service.settings import ClassifierKind, VllmMode, load_settings


def test_defaults_serve_the_embedded_classifier_with_an_800_ms_budget() -> None:
    settings = load_settings()
    assert settings.classifier is ClassifierKind.EMBEDDED
    assert settings.budget_ms == 800
    assert not settings.auth_enabled


def test_environment_variables_use_the_intent_router_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTENT_ROUTER_CLASSIFIER", "cascade")
    monkeypatch.setenv("INTENT_ROUTER_VLLM_MODE", "first_token")
    monkeypatch.setenv("INTENT_ROUTER_BUDGET_MS", "450")
    settings = load_settings()
    assert settings.classifier is ClassifierKind.CASCADE
    assert settings.vllm_mode is VllmMode.FIRST_TOKEN
    assert settings.budget_ms == 450


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BUDGET_MS", "0"),
        ("CONFIDENCE_THRESHOLD", "1.5"),
        ("CLASSIFIER", "bert"),
        ("VLLM_MODE", "beam"),
        ("VLLM_BASE_URL", "localhost:8000"),
        ("LOG_LEVEL", "loud"),
    ],
)
def test_a_wrong_value_names_the_setting(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(f"INTENT_ROUTER_{name}", value)
    with pytest.raises(ValidationError) as info:
        load_settings()
    assert name.lower() in str(info.value)


def test_fallback_budget_shorter_than_the_fast_path_is_refused() -> None:
    with pytest.raises(ValidationError, match="fallback_budget_ms"):
        load_settings(budget_ms=900, fallback_budget_ms=500)


def test_api_keys_are_comma_separated_and_turn_auth_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTENT_ROUTER_API_KEYS", "alpha, beta,")
    settings = load_settings()
    assert [k.get_secret_value() for k in settings.api_keys] == ["alpha", "beta"]
    assert settings.auth_enabled
    assert "alpha" not in repr(settings)  # secrets never print


def test_yaml_file_sets_values_and_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "router.yaml"
    config.write_text("budget_ms: 600\nconfidence_threshold: 0.7\n")
    monkeypatch.setenv("INTENT_ROUTER_BUDGET_MS", "700")
    settings = load_settings(config)
    assert settings.confidence_threshold == 0.7
    assert settings.budget_ms == 700


def test_unknown_key_in_yaml_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "router.yaml"
    config.write_text("budget_msec: 600\n")
    with pytest.raises(ValidationError, match="budget_msec"):
        load_settings(config)


def test_missing_config_file_is_reported_by_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.yaml"):
        load_settings(tmp_path / "nope.yaml")


def test_empty_decision_log_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTENT_ROUTER_DECISION_LOG", "")
    assert load_settings().decision_log is None
