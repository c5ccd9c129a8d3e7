# Image for the taskledger apps (projector, query API, CLI). Built by docker compose.
FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npm ci && npm run build
ENV NX_DAEMON=false NX_NO_CLOUD=true
CMD ["node", "apps/cli/bin/taskledger.js", "--help"]
