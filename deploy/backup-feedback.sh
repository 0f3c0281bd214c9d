#!/bin/sh
# Back up the feedback store named by ARSHAN_FEEDBACK_STORE while the app runs (online, safe):
# PostgreSQL with pg_dump (custom format), SQLite with SQLite's backup API. Keeps
# ARXAN_BACKUP_KEEP_DAYS days of backups in ARXAN_BACKUP_DIR. Backups hold personal data.
set -eu
store="${ARSHAN_FEEDBACK_STORE:-var/feedback.sqlite3}"
dir="${ARXAN_BACKUP_DIR:-backups}"
keep="${ARXAN_BACKUP_KEEP_DAYS:-14}"
python="${ARXAN_PYTHON:-/srv/arxan/.venv/bin/python}"
stamp=$(date +%Y-%m-%dT%H%M)
umask 077
mkdir -p "$dir"
case "$store" in
  postgresql://*|postgres://*)
    target="$dir/feedback-$stamp.dump"
    pg_dump --format=custom --no-owner --dbname="$store" --file="$target.part"
    ;;
  *)
    target="$dir/feedback-$stamp.sqlite3"
    "$python" - "$store" "$target.part" <<'PY'
import os, sqlite3, sys
if not os.path.exists(sys.argv[1]):
    sys.exit(f"no feedback store at {sys.argv[1]}")
source = sqlite3.connect(sys.argv[1])
copy = sqlite3.connect(sys.argv[2])
source.backup(copy)
ok = copy.execute("PRAGMA integrity_check").fetchone()[0]
copy.close()
sys.exit(0 if ok == "ok" else f"backup failed its integrity check: {ok}")
PY
    ;;
esac
mv "$target.part" "$target"
find "$dir" -name 'feedback-*' -type f -mtime +"$keep" -delete
echo "feedback store backed up to $target"
