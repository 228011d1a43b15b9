#!/usr/bin/env bash
# Checks docker-compose.yml offline: no Docker engine and no docker compose plugin needed.
#
#   scripts/check-compose.sh [FILE]        (default: docker-compose.yml at the repo root)
#
# 1. YAML: one document, no duplicate keys (what Compose itself rejects).
# 2. The Compose Specification JSON schema (the copy bundled in the npm package dclint,
#    pinned below), with Ajv: unknown keys, wrong types, bad enum values, ...
# 3. What the schema cannot express but `docker compose config/up` rejects: depends_on
#    naming unknown services or forming a cycle, service_healthy on a service without a
#    healthcheck, undeclared named volumes or networks, a service with neither image nor
#    build, malformed ${...} interpolation, a host port published twice, literal values
#    that do not convert (healthcheck durations and retries, stop_grace_period, restart);
#    plus the project's rules: no obsolete top-level `version`, and no postgres:18+ volume
#    at /var/lib/postgresql/data (those images refuse to start with it).
#
# Needs node and the npm registry the first time: the pinned packages are installed once
# into a cache folder (CHECK_COMPOSE_TOOLS, default ~/.cache/convene-check-compose/...).
# Exits 0 when the file is valid, 1 when it is not, 2 on a usage or setup problem.
set -euo pipefail

DCLINT_VERSION=3.1.0 # provides the compose-spec schema (schemas/compose.schema.json)
AJV_VERSION=8.20.0
YAML_VERSION=2.9.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:-$root/docker-compose.yml}"
if [[ ! -f "$file" ]]; then
  echo "check-compose: no such file: $file" >&2
  exit 2
fi
command -v node >/dev/null || { echo "check-compose: node is required" >&2; exit 2; }

cache_base="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}"
tools="${CHECK_COMPOSE_TOOLS:-$cache_base/convene-check-compose/dclint-$DCLINT_VERSION-ajv-$AJV_VERSION-yaml-$YAML_VERSION}"

if [[ ! -f "$tools/.complete" ]]; then
  command -v npm >/dev/null || { echo "check-compose: npm is required to fetch the schema" >&2; exit 2; }
  mkdir -p "$(dirname "$tools")"
  staging="$(mktemp -d "$tools.XXXXXX")"
  trap 'rm -rf "$staging"' EXIT
  echo "check-compose: installing dclint@$DCLINT_VERSION ajv@$AJV_VERSION yaml@$YAML_VERSION into $tools" >&2
  echo '{"private":true}' >"$staging/package.json"
  if ! npm install --prefix "$staging" --no-audit --no-fund --ignore-scripts --no-package-lock --loglevel=error \
    "dclint@$DCLINT_VERSION" "ajv@$AJV_VERSION" "yaml@$YAML_VERSION" >&2; then
    echo "check-compose: npm install failed" >&2
    exit 2
  fi
  touch "$staging/.complete"
  [[ -f "$tools/.complete" ]] || rm -rf "$tools" # a left-over partial folder
  mv -T "$staging" "$tools" 2>/dev/null || true  # a concurrent run may have won: fine
fi

node - "$file" "$tools" <<'JS'
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join, relative } = require('node:path');

process.on('uncaughtException', (error) => {
  console.error('check-compose: internal error:', error);
  process.exit(2);
});

const [file, tools] = process.argv.slice(2);
const need = createRequire(join(tools, 'package.json'));
const YAML = need('yaml');
const Ajv = need('ajv').default;
const schemaPath = join(need.resolve('dclint/package.json'), '..', 'schemas', 'compose.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
delete schema.$schema; // draft-07 (Ajv's default), named by a URL spelling Ajv does not know

const shown = relative(process.cwd(), file) || file;
const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const keysOf = (v) => (isMap(v) ? Object.keys(v) : []);

// 1. YAML -------------------------------------------------------------------------------
const text = readFileSync(file, 'utf8');
const doc = YAML.parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: true });
for (const e of doc.errors) {
  fail(`line ${e.linePos?.[0]?.line ?? '?'}`, `YAML: ${e.message.split('\n')[0]}`);
}
if (problems.length > 0) report();
const compose = doc.toJS({ maxAliasCount: 1000 });

// 2. Compose Specification schema --------------------------------------------------------
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false });
const validate = ajv.compile(schema);
if (!validate(compose)) {
  const seen = new Set();
  for (const e of validate.errors) {
    let msg = e.message;
    if (e.keyword === 'additionalProperties') msg = `unknown key "${e.params.additionalProperty}"`;
    if (e.keyword === 'enum') msg = `must be one of ${e.params.allowedValues.join(', ')}`;
    const line = `${e.instancePath || '/'}: schema: ${msg}`;
    if (!seen.has(line)) {
      seen.add(line);
      problems.push(line);
    }
  }
  report(); // the checks below assume the shapes the schema guarantees
}

// 3. What the schema cannot check -------------------------------------------------------
if ('version' in compose) {
  fail('/version', 'obsolete in the Compose Specification (Compose warns and ignores it): remove it');
}
const services = compose.services ?? {};
const names = new Set(Object.keys(services));
if (names.size === 0) fail('/services', 'no services defined');
const volumes = new Set(keysOf(compose.volumes));
const networks = new Set(['default', ...keysOf(compose.networks)]);
const dependsOn = (svc) => (Array.isArray(svc.depends_on) ? svc.depends_on : keysOf(svc.depends_on));
const interpolated = (v) => typeof v === 'string' && v.includes('$');
const publishedBy = new Map();
const DURATION = /^(0|([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))*)$/;

for (const [name, svc] of Object.entries(services)) {
  const at = `/services/${name}`;
  if (!isMap(svc)) continue;
  if (svc.image === undefined && svc.build === undefined && svc.extends === undefined && svc.provider === undefined) {
    fail(at, 'needs "image" or "build"');
  }
  for (const dep of dependsOn(svc)) {
    if (dep === name) fail(`${at}/depends_on`, 'a service cannot depend on itself');
    else if (!names.has(dep)) fail(`${at}/depends_on`, `unknown service "${dep}"`);
    else if (isMap(svc.depends_on) && svc.depends_on[dep]?.condition === 'service_healthy') {
      const hc = services[dep].healthcheck;
      const hasCheck = isMap(hc) && hc.disable !== true && !(Array.isArray(hc.test) && hc.test[0] === 'NONE');
      if (!hasCheck && services[dep].build === undefined) {
        fail(`${at}/depends_on/${dep}`, `condition service_healthy, but "${dep}" has no healthcheck`);
      }
    }
  }
  for (const [i, v] of (svc.volumes ?? []).entries()) {
    const source = typeof v === 'string' ? v.split(':')[0] : v?.type === 'volume' ? v.source : undefined;
    const target = typeof v === 'string' ? v.split(':')[1] : v?.target;
    const named = typeof source === 'string' && source !== '' && !interpolated(source) && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source);
    if (named && !volumes.has(source)) {
      fail(`${at}/volumes/${i}`, `named volume "${source}" is not declared under top-level "volumes"`);
    }
    const pg = /^(?:[^/]+\/)*postgres:(\d+)/.exec(String(svc.image ?? ''));
    if (pg && Number(pg[1]) >= 18 && typeof target === 'string' && /^\/var\/lib\/postgresql\/data\/?$/.test(target)) {
      fail(`${at}/volumes/${i}`, 'postgres 18+ images keep data under /var/lib/postgresql/18/docker: mount /var/lib/postgresql');
    }
  }
  // The schema lets strings stand for numbers and durations (for ${VAR}); Compose then
  // rejects literals that do not convert. Check the fields this project uses.
  const literal = (v) => v !== undefined && v !== null && !interpolated(v);
  const hc = svc.healthcheck;
  if (isMap(hc)) {
    for (const key of ['interval', 'timeout', 'start_period', 'start_interval']) {
      if (literal(hc[key]) && !DURATION.test(String(hc[key]))) fail(`${at}/healthcheck/${key}`, `"${hc[key]}" is not a duration such as 5s or 1m30s`);
    }
    if (literal(hc.retries) && !/^\d+$/.test(String(hc.retries))) fail(`${at}/healthcheck/retries`, `"${hc.retries}" is not a whole number`);
    if (Array.isArray(hc.test) && !['NONE', 'CMD', 'CMD-SHELL'].includes(hc.test[0])) {
      fail(`${at}/healthcheck/test`, 'a list must start with CMD, CMD-SHELL or NONE');
    }
  }
  if (literal(svc.stop_grace_period) && !DURATION.test(String(svc.stop_grace_period))) {
    fail(`${at}/stop_grace_period`, `"${svc.stop_grace_period}" is not a duration such as 10s`);
  }
  if (literal(svc.restart) && !/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(String(svc.restart))) {
    fail(`${at}/restart`, `"${svc.restart}" is not one of no, always, on-failure[:N], unless-stopped`);
  }
  const serviceNetworks = Array.isArray(svc.networks) ? svc.networks : keysOf(svc.networks);
  for (const net of serviceNetworks) {
    if (!interpolated(net) && !networks.has(net)) fail(`${at}/networks`, `network "${net}" is not declared under top-level "networks"`);
  }
  for (const p of svc.ports ?? []) {
    let published;
    if (typeof p === 'string' && !interpolated(p)) {
      const parts = p.split('/')[0].split(':');
      if (parts.length >= 2) published = `${parts.length === 3 ? parts[0] : '*'}:${parts.at(-2)}`;
    } else if (isMap(p) && p.published !== undefined) {
      published = `${p.host_ip ?? '*'}:${p.published}`;
    }
    if (published) {
      const proto = (typeof p === 'string' ? p.split('/')[1] : p.protocol) ?? 'tcp';
      const key = `${published}/${proto}`;
      if (publishedBy.has(key)) fail(`${at}/ports`, `host port ${key} is also published by "${publishedBy.get(key)}"`);
      else publishedBy.set(key, name);
    }
  }
}

// depends_on cycles
const state = new Map();
const visit = (name, trail) => {
  if (state.get(name) === 'done' || !names.has(name)) return;
  if (state.get(name) === 'active') {
    fail('/services', `depends_on cycle: ${[...trail.slice(trail.indexOf(name)), name].join(' -> ')}`);
    return;
  }
  state.set(name, 'active');
  for (const dep of dependsOn(services[name] ?? {})) visit(dep, [...trail, name]);
  state.set(name, 'done');
};
for (const name of names) visit(name, []);

// ${...} interpolation that Compose would reject ($$ is a literal $)
const walk = (value, path) => {
  if (typeof value === 'string') {
    const bad = value.replace(/\$\$/g, '').match(/\$(?!\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?+][^}]*)?\}|[A-Za-z_])\S{0,12}/);
    if (bad) fail(path || '/', `invalid interpolation near "${bad[0]}" (write $$ for a literal $)`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}/${i}`));
  } else if (isMap(value)) {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k}`);
  }
};
walk(compose, '');

report();

function report() {
  if (problems.length === 0) {
    console.log(`check-compose: ${shown} is valid (compose-spec schema from dclint ${need('dclint/package.json').version}, plus reference checks)`);
    process.exit(0);
  }
  console.error(`check-compose: ${shown} is invalid:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
JS
