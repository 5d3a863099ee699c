#!/usr/bin/env bash
# Proves a backup restores: pg_dump -Fc the database, pg_restore it into a scratch database,
# and compare the row count of every table. Safe on a live database: the dump and the source
# counts read one exported snapshot, so writes made meanwhile cannot make them differ.
#
#   scripts/backup_restore_check.sh [DATABASE_URL] [--keep DUMPFILE]
#
# DATABASE_URL defaults to $DATABASE_URL. The scratch database (<name>_restorecheck) is dropped
# at the end. Exit 0 when every table has the same count in both, 1 otherwise.
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

src=${1:-${DATABASE_URL:-}}
keep=""
if [ "${2:-}" = "--keep" ]; then keep=${3:?--keep needs a file name}; fi
if [[ "$src" != postgres://* && "$src" != postgresql://* ]]; then
  echo "usage: $0 postgres://user@host:port/dbname [--keep backup.dump]" >&2
  exit 2
fi
server=${src%/*}
dbname=${src##*/}
dbname=${dbname%%\?*}
scratch="${dbname}_restorecheck"
workdir=$(mktemp -d)
dump="$workdir/$dbname.dump"

cleanup() {
  psql "$server/postgres" -qAtX -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

# Exact counts for every table of the public schema, one "table count" line each.
COUNTS_SQL="SELECT table_name || ' ' || (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name;"

# One session holds a repeatable-read transaction and exports its snapshot: pg_dump uses it,
# and the source counts are taken inside the same transaction.
coproc SRC { psql "$src" -qAtX -v ON_ERROR_STOP=1; }
echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();" >&"${SRC[1]}"
read -r -t 30 snapshot <&"${SRC[0]}"
started=$(date +%s)
pg_dump --format=custom --snapshot="$snapshot" --file="$dump" "$src"
dumped=$(date +%s)
{ echo "$COUNTS_SQL"; echo "SELECT '__END__';"; } >&"${SRC[1]}"
: >"$workdir/source.txt"
for _ in $(seq 100000); do
  read -r -t 120 line <&"${SRC[0]}" || break
  [ "$line" = "__END__" ] && break
  echo "$line" >>"$workdir/source.txt"
done
echo "COMMIT;" >&"${SRC[1]}"
exec {SRC[1]}>&-
wait "$SRC_PID" 2>/dev/null || true

psql "$server/postgres" -qAtX -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" >/dev/null
psql "$server/postgres" -qAtX -c "CREATE DATABASE \"$scratch\"" >/dev/null
pg_restore --no-owner --exit-on-error --dbname="$server/$scratch" "$dump"
restored=$(date +%s)
psql "$server/$scratch" -qAtX -c "$COUNTS_SQL" >"$workdir/restored.txt"

tables=$(wc -l <"$workdir/source.txt")
rows=$(awk '{s += $2} END {print s + 0}' "$workdir/source.txt")
size=$(du -h "$dump" | cut -f1)
echo "backup: $dbname, $tables tables, $rows rows, dump $size, pg_dump $((dumped - started)) s, pg_restore $((restored - dumped)) s"
if [ "$tables" -eq 0 ]; then
  echo "FAIL: no table found in $dbname" >&2
  exit 1
fi
if ! diff -u "$workdir/source.txt" "$workdir/restored.txt" >"$workdir/diff.txt"; then
  echo "FAIL: row counts differ between $dbname and its restored copy:" >&2
  cat "$workdir/diff.txt" >&2
  exit 1
fi
if [ -n "$keep" ]; then cp "$dump" "$keep"; echo "dump kept at $keep"; fi
echo "OK: every table has the same row count in the restored copy"
