#!/usr/bin/env bash
# The 依申请 path by hand against `npm start` (README "By hand with curl"):
# 王小明 applies for the 5,000-yuan 一次性创业补贴 with one optional material missing (容缺),
# supplements it, 人社局 approves at level 1 and 2, 公示 closes, and the treasury pays.
# Needs curl, jq and openssl. API defaults to http://localhost:3000; the Lambda port to 3002.
set -euo pipefail
API=${API:-http://localhost:3000}
LAMBDA=${LAMBDA:-http://localhost:3002}

post() { curl -sS -X POST "$API$1" -H "authorization: Bearer $2" -H 'content-type: application/json' ${4:+-H "idempotency-key: $4"} -d "$3"; }
get() { curl -sS "$API$1" -H "authorization: Bearer $2"; }
login() { curl -sS -X POST "$API/v1/auth/login" -H 'content-type: application/json' -d "{\"devUserId\":\"$1\"}" | jq -r .token; }

# upload TOKEN MATERIAL → uploadId (asks for a pre-signed PUT, then PUTs a small PDF to it)
upload() {
  local f; f=$(mktemp --suffix=.pdf); printf '%%PDF-1.4 demo %s\n' "$2" > "$f"
  local body ticket
  body=$(jq -n --arg m "$2" --arg sha "$(openssl dgst -sha256 -binary "$f" | base64)" --argjson size "$(stat -c%s "$f")" \
    '{materialId:$m, fileName:($m+".pdf"), contentType:"application/pdf", sizeBytes:$size, sha256:$sha}')
  ticket=$(post /v1/uploads "$1" "$body")
  local -a headers=(); while IFS= read -r h; do headers+=(-H "$h"); done < <(jq -r '.headers|to_entries[]|"\(.key): \(.value)"' <<<"$ticket")
  curl -sS -o /dev/null -X PUT "$(jq -r .url <<<"$ticket")" "${headers[@]}" --data-binary @"$f"
  jq -r .uploadId <<<"$ticket"
}

A=$(login usr_wangxm01)
echo "== 可享政策 (matches)"; get /v1/me/matches "$A" | jq -c '.items[] | {policyId, verdict, estimatedFen}'

echo "== apply with 正常经营证明 missing (容缺)"
MATERIALS=$(jq -n --arg a "$(upload "$A" id_card)" --arg b "$(upload "$A" business_licence)" --arg c "$(upload "$A" bank_account)" \
  '[{materialId:"id_card",uploadId:$a},{materialId:"business_licence",uploadId:$b},{materialId:"bank_account",uploadId:$c}]')
APP=$(post /v1/applications "$A" "{\"policyId\":\"startup-grant\",\"materials\":$MATERIALS,\"account\":{\"source\":\"profile\"}}" "walkthrough-$RANDOM$RANDOM")
ID=$(jq -r .id <<<"$APP"); echo "$APP" | jq -c '{id, status, supplementDueAt}'

echo "== supplement"
post "/v1/applications/$ID/supplement" "$A" "{\"materials\":[{\"materialId\":\"operating_proof\",\"uploadId\":\"$(upload "$A" operating_proof)\"}]}" | jq -c '{status}'

echo "== 人社局 level 1, then level 2 approve 5,000.00 yuan"
post "/v1/applications/$ID/decision" "$(login usr_hrssl1)" '{"kind":"approve","amountFen":500000}' | jq -c '{status}'
post "/v1/applications/$ID/decision" "$(login usr_hrssl2)" '{"kind":"approve","amountFen":500000}' | jq -c '{status, publicityEndsAt}'

echo "== close 公示 and disburse, run 'as of' after the 公示 ends (local stacks only)"
END=$(get "/v1/applications/$ID" "$A" | jq -r .publicityEndsAt)
LATER=$(date -u -d "$END + 1 hour" +%Y-%m-%dT%H:%M:%SZ)
invoke() { curl -sS -X POST "$LAMBDA/2015-03-31/functions/zhida-local-$1/invocations" -d "{\"asOf\":\"$LATER\"}"; echo; }
invoke closePublicity; invoke disburse
get "/v1/applications/$ID" "$A" | jq -c '{status}'
get /v1/payments "$A" | jq -c '.items[] | {policyTitle, amountFen, statusLabel, accountMasked}'
echo "== timeline"; get "/v1/applications/$ID" "$A" | jq -r '.timeline[] | "\(.at)  \(.text)"'
