#!/bin/sh
# Restart every app process (arxan@PORT) whose /_stcore/health does not answer "ok" within 5 s.
#   deploy/healthcheck.sh 8501 8502        (run each minute by arxan-healthcheck.timer)
status=0
for port in "$@"; do
  answer=$(curl -fsS --max-time 5 "http://127.0.0.1:${port}/_stcore/health" 2>/dev/null)
  if [ "$answer" != "ok" ]; then
    echo "arxan@${port}: health check failed (${answer:-no answer}); restarting" >&2
    systemctl restart "arxan@${port}.service" || status=1
  fi
done
exit $status
