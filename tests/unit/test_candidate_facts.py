"""CandidateFacts.of is the one builder of a person's facts, whatever record describes them."""

from dataclasses import dataclass
from datetime import date

from policy.eligibility import CandidateFacts


@dataclass(frozen=True)
class Record:
    education: str = "bachelor"
    school: str = "福州大学"
    birth_date: date | None = date(1998, 3, 1)
    graduation_date: date | None = date(2020, 7, 1)
    unemployed_since: date | None = None
    employed: bool = False
    name: str = "林晓"


def test_the_facts_carry_the_record_and_the_groups_the_caller_chose():
    facts = CandidateFacts.of(Record(), ["fresh_graduate", "fresh_graduate", "low_income"])
    assert facts == CandidateFacts(education="bachelor", school="福州大学",
                                   birth_date=date(1998, 3, 1), graduation_date=date(2020, 7, 1),
                                   groups=frozenset({"fresh_graduate", "low_income"}))


def test_an_employed_person_stays_employed():
    facts = CandidateFacts.of(Record(employed=True, unemployed_since=date(2019, 1, 1)), ())
    assert (facts.employed, facts.unemployed_since, facts.groups) == (True, date(2019, 1, 1), frozenset())
