#!/usr/bin/env bash
# Exports a commit of this repo into DIR and builds its server, reusing this checkout's
# node_modules (linked, except the workspace packages, which point into DIR). For benchmarking a
# fixed commit while the working tree is being edited, or an older commit against a newer one:
#   bash bench/snapshot.sh HEAD /tmp/portico-snap
#   PORTICO_BENCH_PORTICO_DIR=/tmp/portico-snap npm run bench -- catalog --entities 10000
set -euo pipefail
commit="${1:?usage: snapshot.sh COMMIT DIR}"
dir="${2:?usage: snapshot.sh COMMIT DIR}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rm -rf "$dir" && mkdir -p "$dir/node_modules"
git -C "$root" archive "$commit" | tar -x -C "$dir"
git -C "$root" rev-parse --short "$commit" > "$dir/COMMIT"
for entry in "$root"/node_modules/* "$root"/node_modules/.bin; do
  name="$(basename "$entry")"
  [[ $name == @portico || $name == @portico-examples ]] && continue
  ln -s "$entry" "$dir/node_modules/$name"
done
# Workspace packages resolve to the snapshot's own folders, as npm links them.
for scope in @portico @portico-examples; do
  mkdir -p "$dir/node_modules/$scope"
  for link in "$root/node_modules/$scope"/*; do
    ln -s "$(readlink "$link")" "$dir/node_modules/$scope/$(basename "$link")"
  done
done
# Nested node_modules of workspaces (versions that differ from the root's).
for nested in "$root"/{packages,plugins,examples}/*/node_modules; do
  target="$dir/${nested#"$root"/}"
  if [[ -d $(dirname "$target") ]]; then ln -s "$nested" "$target"; fi
done
(cd "$dir" && npm run --silent build:server)
echo "built $(cat "$dir/COMMIT") in $dir"
