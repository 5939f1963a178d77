# docker build -t advocacy-bot . && docker run --rm -it -e TELEGRAM_BOT_TOKEN advocacy-bot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    ADVOCACY_DB=sqlite:////data/advocacy.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 advocacy \
    && mkdir -p /data && chown advocacy /data
COPY facts ./facts
COPY schedules ./schedules

USER advocacy
VOLUME ["/data"]
# Admins mount their own files over /app/facts and /app/schedules; check them first with
# `docker run --rm -v ./facts:/app/facts advocacy-bot validate`.
ENTRYPOINT ["advocacy-bot"]
CMD ["run"]
