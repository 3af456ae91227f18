#!/usr/bin/env bash
# Downloads (npm pack, through the ordinary npm client) and unpacks the npm
# packages the robustness runs use, into <dir>/<name>-<version>/.
#   scripts/robustness/fetch-trees.sh [dir]   (default /tmp/awaitify-trees)
set -euo pipefail
dir="${1:-/tmp/awaitify-trees}"
mkdir -p "$dir/tgz"
cd "$dir/tgz"
# Server-side JavaScript with sync fs use, and TypeScript packages shipping src/*.ts.
npm pack --silent \
  express serve-static send finalhandler http-server json-server ejs pug nunjucks handlebars \
  body-parser multer fs-extra glob rimraf mkdirp yargs webpack-dev-middleware nodemon eslint mocha knex \
  zod rxjs @trpc/server @tanstack/query-core >/dev/null
for f in *.tgz; do
  name="${f%.tgz}"
  rm -rf "$dir/$name" && mkdir -p "$dir/$name"
  tar xzf "$f" -C "$dir/$name" --strip-components=1
done
ls -d "$dir"/*/ | grep -v /tgz/
