"""The one settings object. Environment prefix ``INTENT_ROUTER_``, optional YAML file.

Precedence, highest first: environment variables, the YAML file (``--config FILE`` or
``INTENT_ROUTER_CONFIG``), the defaults below. Validated once at start-up; a wrong value stops the
process with a message naming the setting. No other module reads ``os.environ``.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from service.taxonomy import DEFAULT_TAXONOMY_PATH

__all__ = ["ClassifierKind", "Settings", "VllmMode", "load_settings"]

_DATA_DIR = DEFAULT_TAXONOMY_PATH.parent


class ClassifierKind(enum.StrEnum):
    EMBEDDED = "embedded"
    VLLM = "vllm"
    CASCADE = "cascade"


class VllmMode(enum.StrEnum):
    GENERATE = "generate"  # chat completion constrained to the labels, confidence from logprobs
    FIRST_TOKEN = "first_token"  # max_tokens=1, distribution from the labels' first-token logprobs
    CLASSIFY = "classify"  # pooling runner, POST /classify, one forward pass


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTENT_ROUTER_", extra="forbid", frozen=True)

    # Which file the YAML source reads; set by `serve --config` (through the environment, so every
    # uvicorn worker reads the same file).
    config: Path | None = Field(default=None, description="YAML file with any of these settings")

    # --- classification --------------------------------------------------------------------------
    classifier: ClassifierKind = Field(
        default=ClassifierKind.EMBEDDED, description="embedded, vllm or cascade"
    )
    taxonomy: Path = Field(default=DEFAULT_TAXONOMY_PATH, description="intent taxonomy YAML")
    embedded_model: Path = Field(default=_DATA_DIR / "models" / "embedded", description="artefact dir")
    confidence_threshold: float = Field(
        default=0.5, ge=0.0, le=1.0, description="route below this → fallback"
    )
    cascade_threshold: float = Field(
        default=0.9, ge=0.0, le=1.0, description="cascade: embedded answers alone at or above this"
    )
    vllm_base_url: str = Field(default="http://127.0.0.1:8000/v1", description="vLLM OpenAI API base")
    vllm_model: str = Field(default="intent-qwen3-8b", description="served model name")
    vllm_mode: VllmMode = Field(default=VllmMode.GENERATE, description="generate, first_token or classify")
    vllm_api_key: SecretStr | None = Field(default=None, description="bearer token for vLLM, if it wants one")

    # --- fallback model --------------------------------------------------------------------------
    # No default endpoint: a fresh install must not send utterances to a paid outside API unasked.
    fallback_base_url: str | None = Field(
        default=None, description="OpenAI-compatible API (https://api.deepseek.com/v1); unset = apology only"
    )
    fallback_model: str = Field(default="deepseek-chat", description="model name sent to the fallback API")
    fallback_api_key: SecretStr | None = Field(default=None, description="bearer token for the fallback API")
    fallback_max_tokens: int = Field(default=256, gt=0, description="reply length cap (tokens)")
    fallback_system_prompt: str = Field(
        default="你是一个租房平台的语音助手。请用简短口语化的中文回答用户，一到两句话。",
        description="system prompt of the fallback model",
    )
    apology_reply: str = Field(
        default="抱歉，这个问题我暂时回答不了，我帮您转人工客服好吗？",
        description="reply when the fallback model fails or runs out of time",
    )
    blocked_reply: str = Field(
        default="抱歉，这个请求我无法处理。请问您是想找房、预约看房，还是咨询租房相关的问题？",
        description="reply when the guard blocks a turn",
    )

    # --- budgets ---------------------------------------------------------------------------------
    budget_ms: int = Field(default=800, gt=0, le=60_000, description="sanitize → classify deadline")
    fallback_budget_ms: int = Field(
        default=3000, gt=0, le=120_000, description="fallback model deadline, counted from arrival"
    )
    connect_timeout_ms: int = Field(default=200, gt=0, description="TCP connect cap for back-ends")

    # --- circuit breakers ------------------------------------------------------------------------
    breaker_failures: int = Field(default=5, ge=1, description="consecutive failures that open it")
    breaker_reset_s: float = Field(default=10.0, gt=0, description="open this long, then probe once")

    # --- guard -----------------------------------------------------------------------------------
    guard_threshold: float = Field(default=0.5, gt=0.0, le=1.0, description="block at or above this score")
    guard_model: Path | None = Field(default=None, description="guard artefact dir (default: shipped)")

    # --- HTTP ------------------------------------------------------------------------------------
    api_keys: Annotated[tuple[SecretStr, ...], NoDecode] = Field(
        default=(), description="comma-separated bearer tokens; empty = auth off"
    )
    max_body_bytes: int = Field(default=64 * 1024, gt=0, description="larger request bodies get 413")
    max_inflight: int = Field(default=256, gt=0, description="per worker; beyond it requests get 503")
    workers: int = Field(default=1, ge=1, le=64, description="uvicorn processes (serve --workers wins)")

    # --- decision log and logs -------------------------------------------------------------------
    decision_log: Path | None = Field(default=Path("decisions.db"), description="SQLite path; empty = off")
    decision_log_queue: int = Field(default=10_000, gt=0, description="records queued before dropping")
    log_level: str = Field(
        default="INFO", description="DEBUG (adds a line per decision), INFO, WARNING or ERROR"
    )

    # Set by `serve --workers N` (N > 1); prometheus-client reads the same variable itself.
    prometheus_multiproc_dir: Path | None = Field(
        default=None, validation_alias=AliasChoices("PROMETHEUS_MULTIPROC_DIR")
    )

    _yaml_file: ClassVar[Path | None] = None

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(k.strip() for k in value.split(",") if k.strip())
        return value

    @field_validator("decision_log", mode="before")
    @classmethod
    def _empty_is_off(cls, value: Any) -> Any:
        return None if value in ("", "off", "none") else value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError(f"must be DEBUG, INFO, WARNING or ERROR, not {value!r}")
        return level

    @field_validator("fallback_base_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("vllm_base_url", "fallback_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://, got {value!r}")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _budgets_consistent(self) -> Settings:
        if self.fallback_budget_ms < self.budget_ms:
            raise ValueError(
                f"fallback_budget_ms ({self.fallback_budget_ms}) must be ≥ budget_ms ({self.budget_ms}): "
                "the fallback deadline counts from the request's arrival too"
            )
        return self

    @property
    def auth_enabled(self) -> bool:
        return bool(self.api_keys)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls._yaml_file is not None:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=cls._yaml_file))
        return tuple(sources)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build and validate the settings.

    ``config_file`` (or ``INTENT_ROUTER_CONFIG``) names a YAML file of settings; environment variables
    win over it. Raises ``pydantic.ValidationError`` naming each bad setting.
    """
    import os

    path = config_file or (Path(p) if (p := os.environ.get("INTENT_ROUTER_CONFIG")) else None)
    if path is not None and not path.is_file():
        raise FileNotFoundError(f"config file {path} does not exist")
    # The YAML source needs the path before validation starts; a class attribute set here (and only
    # here) is the hook pydantic-settings offers. Building settings is start-up only, never concurrent.
    Settings._yaml_file = path
    try:
        return Settings(**overrides)
    finally:
        Settings._yaml_file = None
