# JobBridge quick start: `make run` serves the demo, `make test` runs every test.
# The first of these that is Python 3.11 or newer creates the virtualenv (PYTHON=… overrides).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
export JOBBRIDGE_INSTANCE_PATH ?= $(CURDIR)/instance

.PHONY: run test test-fast install install-dev migrate demo serve clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更新版本 (Python 3.11+ is required)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/flask --app wsgi db upgrade

# The demo is the 2020 programme of 长政〔2020〕28号, so "today" is pinned to 2020-09-01,
# and the cookie is allowed over plain http on 127.0.0.1.
demo: migrate
	JOBBRIDGE_AS_OF_DATE=2020-09-01 $(BIN)/flask --app wsgi seed-demo --if-empty

# Several workers share failed-login counts through Redis; without a local Redis the demo
# runs one worker (the limiter refuses per-worker counts). The notification worker runs
# beside gunicorn on the embedded SQLite queue (instance/queue.sqlite3) and stops with it;
# SMS and e-mail go to instance/notifications.log unless the README's settings say otherwise.
run: demo
	@echo "就业直通车 http://127.0.0.1:8000  （演示账号见上方输出；Ctrl+C 停止）"
	@if $(BIN)/python -c "import redis; redis.Redis(socket_timeout=1).ping()" 2>/dev/null; then \
		export REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0}; \
	else \
		echo "未连接到 Redis：以单个 worker 运行"; export JOBBRIDGE_WORKERS=1; \
	fi; \
	export JOBBRIDGE_AS_OF_DATE=2020-09-01 JOBBRIDGE_COOKIE_SECURE=0; \
	$(BIN)/huey_consumer worker.app.huey --workers 1 --max-delay 2 & worker=$$!; \
	trap 'kill -INT $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

test: install-dev
	$(BIN)/python -m pytest

# The edit-test loop: everything but the live servers and the browser.
test-fast: install-dev
	$(BIN)/python -m pytest -m "not live and not e2e" -n auto

clean:
	rm -rf $(VENV) instance .pytest_cache
