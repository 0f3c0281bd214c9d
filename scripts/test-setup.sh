#!/usr/bin/env bash
# System components the full test suite needs: Chromium and CJK fonts (browser tests), nginx
# (deployment config test), a running PostgreSQL (feedback store contract tests) and axe-core
# from npm (the accessibility audit, pinned in package.json / package-lock.json).
# Installs what is missing when it can (root or passwordless sudo); otherwise says what is
# missing. Outside CI the tests that need a missing component skip with that reason; in CI
# (CI=true) they fail instead.
set -u
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=none; fi
  if [ "$sudo" = none ]; then
    echo "test-setup: missing system packages: ${need[*]} (install them with apt to run every test)." >&2
  else
    echo "test-setup: installing ${need[*]} ..."
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || echo "test-setup: apt-get install ${need[*]} failed." >&2
  fi
fi

# PostgreSQL: start the local cluster when it is installed but not running.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
        || sudo -n pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
    for _ in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi
pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || echo "test-setup: no PostgreSQL on 127.0.0.1:5432 (set ARSHAN_TEST_POSTGRES_URL to use another)." >&2

# axe-core for tests/browser/test_accessibility.py: exactly the locked version, into node_modules/ (--omit=dev: Lighthouse, the benchmark's, is not needed by the tests)..
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$root/node_modules/axe-core/axe.min.js" ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd "$root" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null) \
      || echo "test-setup: npm ci failed: the accessibility audit will be missing axe-core." >&2
  else
    echo "test-setup: no npm: the accessibility audit needs axe-core (npm ci)." >&2
  fi
fi
exit 0
