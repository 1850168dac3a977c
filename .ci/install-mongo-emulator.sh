#!/usr/bin/env bash
# Installs the MongoDB wire-protocol emulator the Mongo contract cases run against when MONGODB_URL
# is unset: CongoDB from @push.rocks/smartmongo 2.2.0 (pure TypeScript, in memory). It is an
# emulator, not MongoDB. The package cannot be a dependency in package.json: its declared tree does
# not resolve on the registry (ETARGET @push.rocks/lik@^6.4.1, then @push.rocks/smartfs@^1.5.1,
# then @api.global/typedrequest@^8.0.3) and would pull mongodb-memory-server. So it is fetched as a
# tarball without its dependencies, beside exactly the six packages its CongoDB part imports, into
# .ci/mongo-emulator/ (git-ignored), away from the project's node_modules.
set -euo pipefail
cd "$(dirname "$0")"
dir=mongo-emulator
entry="$dir/node_modules/@push.rocks/smartmongo/dist_ts/congodb/index.js"
if [ -f "$entry" ]; then
  echo "Mongo emulator already installed in .ci/$dir"
  exit 0
fi
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{ "name": "mongo-emulator", "private": true }' > "$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --no-package-lock \
  bson@6.10.4 mingo@7.2.7 @push.rocks/smartfs@1.5.0 @push.rocks/smartpath@5.1.0 @push.rocks/smartpromise@4.2.3 @push.rocks/smartrx@3.0.10 >/dev/null
tarball=$(cd "$dir" && npm pack --silent @push.rocks/smartmongo@2.2.0 | tail -n 1)
mkdir -p "$dir/node_modules/@push.rocks/smartmongo"
tar xzf "$dir/$tarball" -C "$dir/node_modules/@push.rocks/smartmongo" --strip-components=1
rm -f "$dir/$tarball"
echo "Mongo emulator installed in .ci/$dir"
