"""B2B meeting scheduling engine (plain Python, no Django).

Public API, all pure functions on immutable data:

* :func:`build_instance` / :func:`parse_instance` / :func:`load_instance` - make an instance;
* :func:`greedy` - first-come-first-served baseline;
* :func:`solve` - CP-SAT optimiser with progress callbacks and a time limit;
* :func:`resolve` - re-plan after changes, moving as little as possible;
* :func:`explain` - why a request is not held, in plain words;
* :func:`validate` - independent checker and metrics.
"""
