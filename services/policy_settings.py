"""Policy settings: the bureau's values of the parameters the seed does not fix.

Each change sets one parameter from a date on and is audited (who, when, the value in effect
before on that date and after). Nothing is overwritten: the rows are the history, and every sum
for a period reads the value in effect on each day it covers (policy.parameters.Settings).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import PolicySetting
from policy import parameters
from policy.errors import Invalid
from policy.parameters import Change, Parameter, Settings
from services import audit

NOTE_MAX = 200
FILE_ONLY = frozenset({("post_listing", "stale_after_days")})
"""Parameters still read once at start-up from the data file (the post listing's stale mark):
shown on the page, but a change there would not reach the listing, so none is taken."""


@dataclass(frozen=True)
class Row:
    """One parameter on the 政策参数 page: in effect today, and every change of it."""

    current: Parameter
    changes: list[PolicySetting]

    @property
    def editable(self) -> bool:
        return (self.current.section, self.current.name) not in FILE_ONLY


def current(session: Session) -> Settings:
    """Every setting the bureau has made, ready to answer "which value on that day"."""
    rows = session.scalars(select(PolicySetting).order_by(PolicySetting.id))
    return Settings(_change(row) for row in rows)


def overview(session: Session, today: date) -> list[Row]:
    """Every parameter, its value in effect `today` and its changes (scheduled ones too)."""
    settings = current(session)
    rows = list(session.scalars(select(PolicySetting).order_by(
        PolicySetting.effective_from, PolicySetting.id)))
    return [Row(settings.at(p.section, p.name, today),
                [r for r in rows if (r.section, r.name) == (p.section, p.name)])
            for p in parameters.defaults()]


def change(session: Session, actor_id: int, section: str, name: str, value: int,
           effective_from: date, confirmed: bool, note: str = "") -> PolicySetting:
    """Set a parameter from `effective_from` on; `confirmed` says the bureau has checked the
    value (an unconfirmed one is printed 待确认 next to every amount that uses it)."""
    proposed = Change(section, name, value, effective_from, confirmed)
    if (section, name) in FILE_ONLY:
        raise Invalid("该参数由数据文件设定，暂不能在页面修改", code="parameter_not_editable")
    try:
        default = parameters.check_change(proposed)
    except KeyError:
        raise Invalid("没有这个政策参数", code="unknown_parameter") from None
    except ValueError:
        default = parameters.parameter(section, name)
        low, high = _shown(default, default.minimum), _shown(default, default.maximum)
        raise Invalid(f"“{default.label_zh}”应在{low}至{high}之间", code="invalid_parameter",
                      fields={"value": f"{low}至{high}"}) from None
    if len(note.strip()) > NOTE_MAX:
        raise Invalid(f"说明最多 {NOTE_MAX} 字", code="invalid_parameter", fields={"note": "过长"})
    before = current(session).at(section, name, effective_from)
    row = PolicySetting(section=section, name=name, value=value, effective_from=effective_from,
                        confirmed=confirmed, note=note.strip(), created_by_id=actor_id)
    session.add(row)
    session.flush()
    audit.record(session, actor_id, "set_parameter", "policy_setting", row.id,
                 parameter=f"{section}.{name}", effective_from=effective_from.isoformat(),
                 before={"value": before.value, "confirmed": before.confirmed},
                 after={"value": value, "confirmed": confirmed})
    return row


def _change(row: PolicySetting) -> Change:
    return Change(row.section, row.name, row.value, row.effective_from, row.confirmed)


def _shown(default: Parameter, value: int) -> str:
    return Parameter(value, default.source, default.basis, unit=default.unit).shown
