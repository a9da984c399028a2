"""The length of a traineeship (见习期限), which the seed's （七） asks for but does not bound."""

SHORTEST_MONTHS = 3
LONGEST_MONTHS = 12


def term_months_allowed(months: int) -> bool:
    """The national 2020 就业见习 notice: a traineeship lasts 3 to 12 months. An offer for a
    trainee post states its term within these bounds, as the placement it becomes does."""
    return SHORTEST_MONTHS <= months <= LONGEST_MONTHS
