#!/usr/bin/env bash
# What the reverse-proxy test (tests/live/test_nginx_proxy.py) needs on a fresh Debian
# machine, installed when missing: Debian's nginx, the server deploy/nginx-jobbridge.conf is
# written for. The test runs it itself on free ports; the package's own service is not used.
# .ci/run calls this before `make test`; running it again installs nothing.
set -euo pipefail

if [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is missing: installing Debian's nginx-light"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends nginx-light
fi
/usr/sbin/nginx -v
