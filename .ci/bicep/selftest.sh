#!/bin/sh
# Proves check.js fails when it should: on a copy of bicep/, (a) a syntax error and (b) an undefined name must
# exit 1, (c) the unmodified copy must exit 0 and yield the names summary.
#   sh .ci/bicep/selftest.sh          (from anywhere; needs `npm ci` in .ci/bicep first)
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
check="$here/check.js"
work=$(mktemp -d "${TMPDIR:-/tmp}/bicep-selftest.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
failures=0

fresh() {
  rm -rf "$work/bicep"
  cp -R "$repo/bicep" "$work/bicep"
}

expect() { # expect <exit code> <label> [check args...]
  want=$1; label=$2; shift 2
  node "$check" "$@" >"$work/out.txt" 2>&1
  got=$?
  if [ "$got" -eq "$want" ]; then
    echo "ok   $label (exit $got)"
  else
    echo "FAIL $label: exit $got, expected $want"
    sed 's/^/     /' "$work/out.txt"
    failures=$((failures + 1))
  fi
}

expect_output() { # expect_output <label> <text>
  if grep -q "$2" "$work/out.txt"; then
    echo "ok   $1"
  else
    echo "FAIL $1: output lacks '$2'"
    sed 's/^/     /' "$work/out.txt"
    failures=$((failures + 1))
  fi
}

# (a) syntax error: an unclosed object in a module file
fresh
printf '\nvar broken = {\n  key: \n' >>"$work/bicep/modules/servicebus.bicep"
expect 1 'syntax error is reported' "$work/bicep"
expect_output 'syntax error has file:line:col' 'servicebus.bicep:[0-9]*:[0-9]*: syntax error'

# (b) undefined name: main.bicep refers to a var that does not exist
fresh
printf "\noutput BROKEN string = notDeclaredAnywhere.name\n" >>"$work/bicep/main.bicep"
expect 1 'undefined name is reported' "$work/bicep"
expect_output 'undefined name is named' "main.bicep:[0-9]*: undefined name 'notDeclaredAnywhere'"

# (b2) a misspelled reference inside a module's app settings
fresh
sed 's/KeyMeter__KeyVaultUri: keyVaultUri/KeyMeter__KeyVaultUri: keyVaultUrl/' "$repo/bicep/modules/functionapp.bicep" >"$work/bicep/modules/functionapp.bicep"
expect 1 'misspelled reference is reported' "$work/bicep"
expect_output 'misspelled reference is named' "functionapp.bicep:[0-9]*: undefined name 'keyVaultUrl'"

# (b3) a module param the target does not declare
fresh
sed 's/    queueNames: queueNames/    queueNames: queueNames\n    queueNamez: queueNames/' "$repo/bicep/main.bicep" >"$work/bicep/main.bicep"
expect 1 'unknown module param is reported' "$work/bicep"
expect_output 'unknown module param is named' "has no param 'queueNamez'"

# (c) unmodified copy passes and yields the names
fresh
expect 0 'unmodified bicep passes' "$work/bicep" --names "$work/names.json"
if node -e "const n=require(process.argv[1]); process.exit(n.queues.includes('usage') && n.tables.includes('keys') && n.appSettings.includes('AzureWebJobsStorage__accountName') && n.outputs.includes('KEYMETER_URL') ? 0 : 1)" "$work/names.json"; then
  echo "ok   names summary has queues, tables, appSettings, outputs"
else
  echo "FAIL names summary"; cat "$work/names.json"; failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "selftest: $failures failure(s)"
  exit 1
fi
echo "selftest: all passed"
