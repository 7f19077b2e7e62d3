# Panel: build with the development dependencies, run with the production ones only.
#
#   docker build -t panel .
#   docker run --env-file .env panel node dist/server/migrate.mjs     # once per release, before the app
#   docker run --env-file .env -p 3000:3000 panel                       # the app (Next.js standalone server)
#   docker run --env-file .env panel node --no-deprecation dist/server/worker.mjs
#   docker run --env-file .env -p 3001:3001 panel node --max-semi-space-size=64 dist/server/collector.mjs
#
# The runtime stage is what `.ci/run` proves without Docker: scripts/runtime-tree.mjs makes the same tree and
# tests/runtime/smoke.mjs runs it. NODE_VERSION is the Node LTS that CI tests on (.ci/node.sh).
ARG NODE_VERSION=22.23.5

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# no install scripts: every native package here ships prebuilt N-API binaries (sharp, libsql, lightningcss, swc), and
# the scripts left (sentry-cli, workerd) download tools nothing in the build or at run time uses
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && node scripts/runtime-tree.mjs /runtime --prune

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Docker sets HOSTNAME to the container's id, and Next's server listens on HOSTNAME
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /app
# the code stays root's; the app writes only uploads, published sites, caches and a SQLite file if used
COPY --from=build /runtime /app
RUN mkdir -p media public-sites .cache data .next/cache \
 && chown -R node:node media public-sites .cache data .next/cache
USER node
EXPOSE 3000 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--no-deprecation", "server.js"]
