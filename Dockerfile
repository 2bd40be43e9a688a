# salesbot as a container: the same install as docs/deploy.md, run as an unprivileged user.
# docker build -t salesbot . ; compose.yaml runs it as release, web and clock beside PostgreSQL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=3000 LOG_FORMAT=json DATABASE_URL=sqlite:////var/lib/salesbot/salesbot.db \
    SALESBOT_CHART_DIR=/var/lib/salesbot/charts

RUN useradd --system --uid 10001 --home-dir /var/lib/salesbot --create-home --shell /usr/sbin/nologin salesbot

WORKDIR /opt/salesbot
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY handlers ./handlers
COPY adapters ./adapters
COPY storage ./storage
RUN python -m venv /opt/salesbot/venv && /opt/salesbot/venv/bin/pip install . && rm -rf build *.egg-info
ENV PATH=/opt/salesbot/venv/bin:$PATH

USER salesbot
WORKDIR /var/lib/salesbot
VOLUME /var/lib/salesbot
EXPOSE 3000

# /healthz answers 503 when the database does not answer within 2 s; Python is in the image, curl is not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]

CMD ["salesbot", "serve"]
