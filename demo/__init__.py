"""The demo district of `flask --app wsgi seed-demo`: tooling beside the runtime, not part of it.

corpus.py (with posts.py and people.py) is pure — a seed in, plain records out — so the demo's
counts, identifiers and coherence are tested without a database; its words and tables are data
in demo/data/*.json, read by loaders.py; seed.py writes the corpus through the services. No
runtime package imports this one, except the seed-demo command, inside the command.
"""
