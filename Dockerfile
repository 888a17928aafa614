# syntax=docker/dockerfile:1
# One image recipe for the three services; the APP build argument picks which:
#   docker build --build-arg APP=subscription-api -t hookstream/subscription-api .
#   docker build --build-arg APP=router           -t hookstream/router .
#   docker build --build-arg APP=delivery-worker  -t hookstream/delivery-worker .
# docker-compose.yml builds all three. The image runs `node apps/$APP/dist/main.js` as user node.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
ENV CI=true \
    PNPM_HOME=/pnpm \
    COREPACK_ENABLE_DOWNLOAD_PROMPT=0 \
    TURBO_TELEMETRY_DISABLED=1
ENV PATH=$PNPM_HOME:$PATH
# pnpm at the version pinned by package.json's packageManager field.
RUN corepack enable
WORKDIR /repo

# Dependencies come from the lockfile alone, so a source change reuses this layer (and the
# three images share it: APP is declared only further down).
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=hookstream-pnpm-store,target=/pnpm/store \
    pnpm fetch --frozen-lockfile --store-dir /pnpm/store

COPY . .
RUN --mount=type=cache,id=hookstream-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline --store-dir /pnpm/store

ARG APP
RUN case "$APP" in subscription-api|router|delivery-worker) ;; \
      *) echo "build with --build-arg APP=subscription-api|router|delivery-worker (got '$APP')" >&2; exit 1 ;; \
    esac
# The app and the workspace packages it depends on (turbo's "<pkg>..." filter).
RUN pnpm turbo run build --filter "@hookstream/${APP}..." --output-logs=errors-only
# A self-contained copy of the app: its dist, production dependencies and built workspace packages.
RUN --mount=type=cache,id=hookstream-pnpm-store,target=/pnpm/store \
    pnpm --filter "@hookstream/${APP}" deploy --prod --legacy --store-dir /pnpm/store /out \
 && if [ -d "apps/${APP}/migrations" ]; then cp -R "apps/${APP}/migrations" /out/migrations; fi

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production \
    APP=${APP}
WORKDIR /app
COPY --from=build --chown=node:node /out ./apps/${APP}
USER node
# subscription-api 8080; router metrics 9464; delivery-worker metrics 9465.
EXPOSE 8080 9464 9465
# exec: node is the process that receives SIGTERM (compose adds an init with `init: true`).
# Memory settings (README, Configuration: "Memory of each service"; issue 7):
# --max-semi-space-size=8 (MB): a smaller young generation, about 70 MB less RSS per service.
# --max-old-space-size=512 (MB): the old generation's ceiling; V8 scales its heap growing factor
#   with it (1.4 instead of up to 4 at the 4 GB default), so garbage between full collections
#   stays small: the worker's peak heap fell from 250 to under 100 MB in a burst.
# GLIBC_TUNABLES: two malloc arenas instead of 8 per core, and buffers of 128 KiB or more in
#   their own mappings returned on free (no dynamic threshold), so Kafka fetch and produce
#   buffers do not leave fragmented arenas behind. Override with -e GLIBC_TUNABLES=...
ENV GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072
CMD ["sh", "-c", "exec node --max-semi-space-size=8 --max-old-space-size=512 --enable-source-maps apps/$APP/dist/main.js"]
