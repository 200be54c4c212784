"""Solving by site: Dantzig-Wolfe decomposition of the standard form over sites, with a proven bound.

`standard.py` the model as arrays, `partition.py` which rows and columns are a site's own, `subproblem.py` a
site's HiGHS model priced by the master, `master.py` the restricted master and the Lagrangian bound,
`dantzig_wolfe.py` the rounds (bound, plans, polish). Nothing here knows a lever or a target: it works on the
matrix `solve.py` hands it, so a new lever or target kind is decomposed like the others. docs/performance.md has
the method, the figures and when `auto` uses it.
"""
