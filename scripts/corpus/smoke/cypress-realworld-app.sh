# cypress-realworld-app: the API server (ts-node, as `yarn start:api:not-instrumented` runs it) on its
# lowdb file; seed the db (readFileSync + write), create a user (bcrypt hash + write), log in
# (passport-local + bcrypt compare), update the user (write); then the db file's users.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# As `yarn prestart:ci` does: the mock AWS exports the backend requires.
cp scripts/mock-aws-exports.js src/aws-exports.js && cp scripts/mock-aws-exports-es5.js aws-exports-es5.js || exit 1
export VITE_BACKEND_PORT="$PORT" NODE_ENV=test
SMOKE_WAIT=900 start_server npx ts-node -P tsconfig.tsnode.json --files backend/app.ts || exit 1
j='content-type: application/json'
req -X POST "http://127.0.0.1:$PORT/testData/seed"
req -X POST -H "$j" -d '{"firstName":"Ada","lastName":"L","username":"ada_smoke","password":"s3cret","balance":100}' "http://127.0.0.1:$PORT/users" | sed -E 's/"(id|uuid|createdAt|modifiedAt|password)":"[^"]+"/"\1":"X"/g'
req -c "$SMOKE_TMP/jar" -X POST -H "$j" -d '{"username":"ada_smoke","password":"s3cret"}' "http://127.0.0.1:$PORT/login" | sed -E 's/"(id|uuid|createdAt|modifiedAt|password)":"[^"]+"/"\1":"X"/g'
req -X POST -H "$j" -d '{"username":"ada_smoke","password":"nope"}' "http://127.0.0.1:$PORT/login"
echo "--- users named ada_smoke in data/database.json"
node -e 'const d=require("./data/database.json"); console.log(d.users.filter(u=>u.username==="ada_smoke").map(u=>u.firstName+" "+u.lastName+" "+u.balance).join("\n"))'
