"""The constraint view of a chronology: times as variables, what the texts say as constraints.

A Simple Temporal Problem (Dechter, Meiri & Pearl, 1991) over day numbers (1970-01-01 is
day 0). A variable is one instant: a document's creation date, the start of the time a
mention names, the start of an event. A constraint says either where one variable lies
(`x` in [low, high]: "2004" is a day of 2004) or how far apart two lie (`x - y` in
[low, high] days: "five years later" is 4..6 years after the start of "That year"; "for
roughly a decade now" starts 8..13 years before the document date; two reports of one event
start on the same day). `None` is an open side.

Constraints are added one at a time, most trusted first, and each is propagated at once
(bounds propagation: Bellman-Ford relaxation on the distance graph, exact for an STP). A
constraint that would empty a domain cannot hold with those before it: it is rolled back and
reported as a `Conflict`, with the constraints that stand against it. So the solution is the
narrowest bounds of the largest consistent prefix, nothing is averaged away, and every final
bound keeps the constraint that set it, so `why` explains it by its chain.

Complexity: adding a constraint propagates only through the variables whose bounds it moves,
FIFO (SPFA): O(V·E) in the worst case, close to O(E) on the sparse, tree-like graphs texts
give (chains of anchors, a few merge edges per event). Memory O(V + E). A propagation that
moves more than `_ROUNDS` x V bounds is a cycle with no finite bound to stop it and counts
as a conflict.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chrono.times import gregorian as g
from chrono.types import Claim, Mention

_ROUNDS = 4  # propagation steps allowed per variable before a cycle is declared
DAYS_PER_YEAR = 365.2425


def claim(mention: Mention) -> Claim:
    """Where a constraint comes from in the texts: a mention of a document."""
    return Claim(mention.doc_id, mention.id, mention.resolution.edtf)


@dataclass(frozen=True, slots=True)
class Constraint:
    """`x` in [low, high] (unary, `y` None) or `x - y` in [low, high] (binary), in days."""

    x: str
    y: str | None
    low: int | None
    high: int | None
    kind: str  # stated, relative, dct, merge, age, order ... (what a conflict is called)
    reason: str  # in words: '"five years later" is 5 years after "That year"'
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    """A constraint that cannot hold, and the constraints that stand against it."""

    constraint: Constraint
    against: tuple[Constraint, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        seen: dict[tuple[str, str], Claim] = {}
        for c in (self.constraint, *self.against):
            for claim in c.claims:
                seen.setdefault((claim.doc_id, claim.mention_id), claim)
        return tuple(seen.values())


@dataclass
class Network:
    """Variables with bounds, and the constraints that set them."""

    low: dict[str, int | None] = field(default_factory=dict)
    high: dict[str, int | None] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    _edges: dict[str, list[int]] = field(default_factory=dict)  # variable -> binary constraints
    _low_by: dict[str, int] = field(default_factory=dict)  # variable -> constraint that set low
    _high_by: dict[str, int] = field(default_factory=dict)

    def variable(self, name: str) -> None:
        if name not in self.low:
            self.low[name] = None
            self.high[name] = None
            self._edges[name] = []

    def bounds(self, name: str) -> tuple[int | None, int | None]:
        return self.low.get(name), self.high.get(name)

    def add_all(self, constraints: Iterable[Constraint]) -> None:
        for constraint in constraints:
            self.add(constraint)

    def add(self, constraint: Constraint) -> bool:
        """Add and propagate one constraint; False (and a Conflict) when it cannot hold."""
        self.variable(constraint.x)
        if constraint.y is not None:
            self.variable(constraint.y)
        index = len(self.constraints)
        self.constraints.append(constraint)
        undo: list[tuple[str, str, int | None, int | None]] = []
        failed = self._propagate(index, undo)
        if failed is None:
            if constraint.y is not None:
                self._edges[constraint.x].append(index)
                self._edges[constraint.y].append(index)
            return True
        against = self._chain(failed, "low") + self._chain(failed, "high")
        for side, name, value, by in reversed(undo):
            bounds, setters = (
                (self.low, self._low_by) if side == "low" else (self.high, self._high_by)
            )
            bounds[name] = value
            if by is None:
                setters.pop(name, None)
            else:
                setters[name] = by
        # The constraint's own step is in the chain: what stands against it is the rest.
        others = tuple(dict.fromkeys(c for c in against if c is not constraint))
        self.conflicts.append(Conflict(constraint, others))
        return False

    def _set(
        self,
        side: str,
        name: str,
        value: int,
        by: int,
        undo: list[tuple[str, str, int | None, int | None]],
    ) -> bool:
        bounds, setters = (self.low, self._low_by) if side == "low" else (self.high, self._high_by)
        old = bounds[name]
        if old is not None and (value <= old if side == "low" else value >= old):
            return False
        undo.append((side, name, old, setters.get(name)))
        bounds[name] = value
        setters[name] = by
        return True

    def _propagate(
        self, first: int, undo: list[tuple[str, str, int | None, int | None]]
    ) -> str | None:
        """Relax from constraint `first` until nothing moves; the variable emptied, if one is."""
        queue: deque[int] = deque([first])
        queued = {first}
        steps = 0
        limit = _ROUNDS * (len(self.low) + 1) + 16
        while queue:
            index = queue.popleft()
            queued.discard(index)
            moved = self._apply(index, undo)
            for name in moved:
                low, high = self.low[name], self.high[name]
                if low is not None and high is not None and low > high:
                    return name
                steps += 1
                if steps > limit:
                    return name
                for nxt in self._edges[name]:
                    if nxt not in queued:
                        queue.append(nxt)
                        queued.add(nxt)
        return None

    def _apply(self, index: int, undo: list[tuple[str, str, int | None, int | None]]) -> list[str]:
        c = self.constraints[index]
        moved: list[str] = []
        if c.y is None:
            if c.low is not None and self._set("low", c.x, c.low, index, undo):
                moved.append(c.x)
            if c.high is not None and self._set("high", c.x, c.high, index, undo):
                moved.append(c.x)
            return moved
        x, y = c.x, c.y
        lx, hx, ly, hy = self.low[x], self.high[x], self.low[y], self.high[y]
        if c.low is not None and ly is not None and self._set("low", x, ly + c.low, index, undo):
            moved.append(x)
        if c.high is not None and hy is not None and self._set("high", x, hy + c.high, index, undo):
            moved.append(x)
        if c.high is not None and lx is not None and self._set("low", y, lx - c.high, index, undo):
            moved.append(y)
        if c.low is not None and hx is not None and self._set("high", y, hx - c.low, index, undo):
            moved.append(y)
        return moved

    def _chain(self, name: str, side: str) -> tuple[Constraint, ...]:
        """The constraints behind one bound of a variable, nearest first."""
        out: list[Constraint] = []
        seen: set[tuple[str, str]] = set()
        while (name, side) not in seen:
            seen.add((name, side))
            setters = self._low_by if side == "low" else self._high_by
            index = setters.get(name)
            if index is None:
                break
            c = self.constraints[index]
            out.append(c)
            if c.y is None:
                break
            # x's low came from y's low and y's low from x's low (highs alike), and so on.
            name = c.y if name == c.x else c.x
        return tuple(out)

    def why(self, name: str, side: str = "low") -> tuple[Constraint, ...]:
        """The chain of constraints that set a bound ("low" or "high"), nearest first."""
        return self._chain(name, side)


# ---------------------------------------------------------------- units


def day_of(seconds: int | None) -> int | None:
    """The day number of an instant given in seconds since 1970 (None stays None)."""
    return None if seconds is None else seconds // g.SECONDS_PER_DAY


def years(amount: float) -> int:
    """An amount of years in days (the nearest whole day of the mean Gregorian year)."""
    return round(amount * DAYS_PER_YEAR)


def describe(bounds: tuple[int | None, int | None]) -> str:
    """[low, high] as ISO dates, EDTF-like: '2012-01-01..2017-12-30', '2009-01-01..' (open)."""
    low, high = bounds
    return f"{'' if low is None else g.iso_date(low)}..{'' if high is None else g.iso_date(high)}"


def solve(constraints: Sequence[Constraint]) -> Network:
    """A network with all the constraints added in order (see the module docstring)."""
    network = Network()
    network.add_all(constraints)
    return network
