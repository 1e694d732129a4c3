"""The constraint network (chrono.timeline.constraints): propagation, conflicts, explanations."""

from __future__ import annotations

from chrono.timeline.constraints import Claim, Constraint, Network, describe, solve, years


def unary(x: str, low: int | None, high: int | None, reason: str = "") -> Constraint:
    return Constraint(x, None, low, high, "stated", reason or f"{x} in {low}..{high}")


def test_relative_constraints_propagate_both_ways() -> None:
    network = solve(
        [
            unary("a", 100, 200),
            Constraint("b", "a", 10, 20, "relative", "b is 10..20 days after a"),
            unary("b", 150, 160),
        ]
    )
    assert network.bounds("b") == (150, 160)
    assert network.bounds("a") == (130, 150)  # narrowed back through the relation
    assert not network.conflicts


def test_a_constraint_that_cannot_hold_is_rolled_back_and_reported() -> None:
    claim = Claim("doc", "doc:m3", "1999")
    network = Network()
    network.add(unary("a", 0, 10, "a is day 0..10"))
    network.add(unary("b", 50, 60, "b is day 50..60"))
    ok = network.add(Constraint("b", "a", 0, 0, "merge", "a and b are one", (claim,)))
    assert not ok
    assert network.bounds("a") == (0, 10) and network.bounds("b") == (50, 60)  # nothing moved
    (conflict,) = network.conflicts
    assert conflict.constraint.reason == "a and b are one"
    assert {c.reason for c in conflict.against} <= {"a is day 0..10", "b is day 50..60"}
    assert conflict.claims == (claim,)


def test_every_bound_is_explained_by_its_chain() -> None:
    network = solve(
        [
            unary("start", 0, 365, "2004"),
            Constraint("later", "start", 1800, 1900, "relative", "five years later"),
            Constraint("dct", "later", 1000, None, "dct", "written long after"),
        ]
    )
    assert [c.reason for c in network.why("dct", "low")] == [
        "written long after",
        "five years later",
        "2004",
    ]
    assert network.why("dct", "high") == ()  # nothing bounds it from above
    assert describe((0, None)) == "1970-01-01.."  # an open side is left empty


def test_open_cycles_do_not_loop_forever() -> None:
    network = solve(
        [
            Constraint("a", "b", 1, None, "relative", "a after b"),
            Constraint("b", "a", 1, None, "relative", "b after a"),
            unary("a", 0, None),
        ]
    )
    # a after b after a cannot hold: found as soon as a bound enters the cycle, not looped on
    assert network.conflicts


def test_years_in_days() -> None:
    assert years(1) == 365 and years(4) == 1461 and years(10) == 3652
