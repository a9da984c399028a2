"""The seed's rules (长政〔2020〕28号) as pure functions of plain data and an as-of date.

Nothing here imports Flask, SQLAlchemy or the matcher: the web app, the services, the
matcher and the scripts all ask the same functions, so a rule is written once.
"""
