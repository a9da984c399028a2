"""`huey_consumer worker.app.huey`: the worker's queue, built from the environment (as wsgi.py
builds the web app)."""

import os

from worker import make_queue

huey = make_queue(os.environ).huey
