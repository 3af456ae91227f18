# actual-server: the app on a fresh data dir; bootstrap (bcrypt hash), login (bcrypt compare),
# a wrong password, change-password (hash again) and a login with the new password.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$SMOKE_TMP/server-files" "$SMOKE_TMP/user-files"
export ACTUAL_PORT="$PORT" ACTUAL_HOSTNAME=127.0.0.1 ACTUAL_SERVER_FILES="$SMOKE_TMP/server-files" ACTUAL_USER_FILES="$SMOKE_TMP/user-files" NODE_ENV=production
start_server node app.js || exit 1
j='content-type: application/json'
req "http://127.0.0.1:$PORT/account/needs-bootstrap"
req -X POST -H "$j" -d '{"password":"first-pass"}' "http://127.0.0.1:$PORT/account/bootstrap" | sed -E 's/"token":"[^"]+"/"token":"T"/'
req -X POST -H "$j" -d '{"loginMethod":"password","password":"wrong"}' "http://127.0.0.1:$PORT/account/login"
token=$(curl -s -X POST -H "$j" -d '{"loginMethod":"password","password":"first-pass"}' "http://127.0.0.1:$PORT/account/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
echo "--- login with the bootstrap password: token ${token:+present}"
req -X POST -H "$j" -H "x-actual-token: $token" -d '{"password":"second-pass"}' "http://127.0.0.1:$PORT/account/change-password" | sed "s/$token/TOKEN/g"
req -X POST -H "$j" -d '{"loginMethod":"password","password":"second-pass"}' "http://127.0.0.1:$PORT/account/login" | sed -E 's/"token":"[^"]+"/"token":"T"/'
