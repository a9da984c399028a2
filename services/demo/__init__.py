"""The demo district of `flask --app wsgi seed-demo`: invented in corpus.py, written by seed.py.

corpus.py is pure (a seed in, plain records out) so the demo's counts and its identifiers can
be tested without a database; texts.py, trades.py and program_posts.py hold its wording.
"""
