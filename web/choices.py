"""Select-field choices built one way for every form: codes stored, Chinese labels shown."""

from wtforms.fields.choices import SelectChoice


def pairs(items) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in items]


def choices(values, labels, blank: str | None = "请选择") -> list[SelectChoice]:
    """A choice per code in `values`, after an empty "请选择" unless `blank` is None."""
    return pairs(([("", blank)] if blank else []) + [(v, labels[v]) for v in values])
