# docker build -t advocacy-bot .
# docker run -d --name advocacy-bot -v advocacy-data:/data -e TELEGRAM_BOT_TOKEN advocacy-bot
# With PostgreSQL: compose.yaml (docker compose up -d). See docs/operations.md.
FROM python:3.11-slim

# The database lives on the /data volume; the HTTP server (health, readiness, metrics)
# listens on 8080 inside the container, for the HEALTHCHECK below and for Prometheus.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    ADVOCACY_DB=sqlite:////data/advocacy.db \
    ADVOCACY_HTTP=0.0.0.0:8080

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 advocacy \
    && mkdir -p /data && chown advocacy /data
COPY facts ./facts
COPY schedules ./schedules

USER advocacy
VOLUME ["/data"]
EXPOSE 8080
# /healthz answers while the process lives (if you change ADVOCACY_HTTP, change the port
# here too); a container that stops answering is restarted
# by the orchestrator. (Readiness, /readyz, is for load balancers and alerts: a platform
# that is down for a while must not get the bot restarted in a loop.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
# Admins mount their own files over /app/facts and /app/schedules; check them first with
# `docker run --rm -v ./facts:/app/facts advocacy-bot validate`.
ENTRYPOINT ["advocacy-bot"]
CMD ["run"]
