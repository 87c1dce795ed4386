# syntax=docker/dockerfile:1
# intent-router gateway image: CPU only, no GPU libraries, no model download at run time.
#
#   docker build -t intent-router:dev .
#   docker run --rm -p 8080:8080 -e INTENT_ROUTER_WORKERS=2 intent-router:dev
#
# Stages: `deps` installs the serving dependencies into /opt/venv; `model` adds the train extra
# (scikit-learn) and builds the embedded classifier from data/; `runtime` takes /opt/venv without
# scikit-learn, the source and the trained artefact, and runs as an unprivileged user.
# The image's command is tested without Docker in tests/deploy/test_dockerfile.py.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS deps
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# Metadata first: the dependency layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
COPY service/ service/
COPY training/ training/
COPY loadtest/ loadtest/
# Editable install: the package is imported from /app, so data/ (taxonomy, model) sits beside it
# exactly as in a checkout, and the entry points (`intent-router`) are registered.
RUN pip install --editable .

FROM deps AS model
COPY data/ data/
RUN pip install --editable '.[train]' \
 && intent-router train embedded \
 && test -d data/models/embedded

FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="intent-router" \
      org.opencontainers.image.description="Low-latency intent-routing gateway (embedded / vLLM classifiers)" \
      org.opencontainers.image.licenses="Apache-2.0"
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it without resolving names.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app \
 && install -d -o app -g app -m 0750 /var/lib/intent-router
COPY --from=deps /opt/venv /opt/venv
COPY --from=deps /app /app
COPY --from=model /app/data /app/data
COPY deploy/docker/healthcheck.py /usr/local/lib/intent-router/healthcheck.py
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    INTENT_ROUTER_CLASSIFIER=embedded \
    INTENT_ROUTER_WORKERS=2 \
    INTENT_ROUTER_DECISION_LOG=/var/lib/intent-router/decisions.db
# The decision log (SQLite, WAL) must survive restarts: mount a volume here.
VOLUME ["/var/lib/intent-router"]
USER 10001:10001
EXPOSE 8080
# /healthz only says the process is alive; readiness (/readyz) is the orchestrator's business.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "/usr/local/lib/intent-router/healthcheck.py"]
# Workers come from the INTENT_ROUTER_WORKERS setting (compose and the Kubernetes ConfigMap set it;
# one per CPU the container gets is a good start). Exec form makes the server PID 1, so SIGTERM reaches
# it directly and it drains in-flight requests and flushes the decision log before exiting.
CMD ["intent-router", "serve", "--host", "0.0.0.0", "--port", "8080"]
