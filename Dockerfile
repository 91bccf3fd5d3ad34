# syntax=docker/dockerfile:1
# Production image: `docker build -t chat-widget .` then run with DATABASE_URL, BETTER_AUTH_SECRET,
# PUBLIC_URL, ALLOWED_ORIGINS, SMTP_URL and METRICS_TOKEN (see docs/deployment.md). Migrations run
# as a release step: `docker run --rm --env-file prod.env chat-widget npm run deploy:migrate`.
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Compile the server and the widget bundles with every dev dependency.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The same npm major as development: its allowScripts list decides which install scripts run.
RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The development entry point and the example pages stay out of the image: production runs the API alone.
RUN npm run build && rm -rf dist/server/dev dist/examples dist/.build

# 2. Production dependencies only.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime: compiled code, production node_modules and the docs, owned by an unprivileged user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
COPY --from=production-dependencies --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node docs ./docs
USER node
EXPOSE 3000
# Ready means the database answers; an orchestrator restarts or stops routing to the container otherwise.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm) so SIGTERM reaches the server and its graceful shutdown.
CMD ["node", "dist/server/src/main.js"]
