"""B2B meeting scheduling engine (plain Python, no Django).

Public API, functions on immutable data (see docs/scheduling.md):

* :func:`build_instance` (plain dict -> Instance), :func:`load_instance`, :func:`instance_to_dict`;
* :func:`greedy` - first-come-first-served baseline;
* :func:`solve` - CP-SAT optimiser with progress callbacks and a time limit;
* :func:`resolve` - re-plan after changes, moving as little as possible;
* :func:`explain` / :func:`unplaced` - why a request is not held, in plain words;
* :func:`validate` - independent checker and metrics.
"""

from .cpsat import Progress, SolveResult, solve
from .explain import Explanation, Reason, explain, unplaced
from .greedy import greedy
from .io import (
    FormatError,
    InstanceError,
    SolutionError,
    instance_to_dict,
    load_instance,
    load_solution,
    parse_instance,
    parse_solution,
    solution_to_dict,
    write_solution,
)
from .model import Instance, Meeting, Solution
from .resolve import changes, resolve
from .validate import Report, validate

# A plain dict (the JSON document) is the interface for callers such as the
# events app; the name says what it is for.
build_instance = parse_instance

__all__ = [
    "Explanation",
    "FormatError",
    "Instance",
    "InstanceError",
    "Meeting",
    "Progress",
    "Reason",
    "Report",
    "Solution",
    "SolutionError",
    "SolveResult",
    "build_instance",
    "changes",
    "explain",
    "greedy",
    "instance_to_dict",
    "load_instance",
    "load_solution",
    "parse_instance",
    "parse_solution",
    "resolve",
    "solution_to_dict",
    "solve",
    "unplaced",
    "validate",
    "write_solution",
]
