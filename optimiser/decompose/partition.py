"""Which columns and rows of the standard form belong to which site.

A column belongs to the site its Pyomo index, or its block's, starts with (`grid.import_kw[s, y, d, h]`,
`pv[s].build_kw[y]`);
every other column (company totals `emissions.gross_t[y]`, offsets, claims) belongs to the company. A row whose
columns all belong to one site is that site's own (its balance, storage, roof); a row that touches the company or
two sites is a linking row (the company's gross emissions, company caps on green electricity, budgets). The
targets are rows on company columns only. The decomposition is exact for any labelling: a wrong label only
moves rows from a site into the master, which costs speed, never correctness.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

COMPANY = -1


@dataclass(frozen=True)
class Partition:
    names: tuple[str, ...]  # the sites, one block each
    block_cols: tuple[np.ndarray, ...]  # column indices of each site
    block_rows: tuple[np.ndarray, ...]  # rows that only a site's columns appear in
    master_rows: np.ndarray  # every other row: linking rows and rows on company columns only
    linking: np.ndarray  # bool over master_rows: the row has a site's columns in it
    company_cols: np.ndarray

    @property
    def n_blocks(self) -> int:
        return len(self.names)


def column_sites(columns: Sequence[object], sites: Sequence[Hashable]) -> np.ndarray:
    """Block label of each column: the position of its site in `sites`, or COMPANY. The site is the first entry of
    the variable's index (`grid.import_kw[s, ...]`) or of an enclosing block's (`pv[s].build_kw[y]`)."""
    where = {s: i for i, s in enumerate(sites)}
    of_block: dict[int, int] = {}

    def first(index: object) -> int:
        key = index[0] if isinstance(index, tuple) and index else index
        return where.get(key, COMPANY) if isinstance(key, Hashable) else COMPANY

    def block_site(block: object) -> int:
        found = of_block.get(id(block))
        if found is None:
            parent = block.parent_block()  # type: ignore[attr-defined]
            found = first(block.index()) if parent is not None else COMPANY  # type: ignore[attr-defined]
            if found == COMPANY and parent is not None:
                found = block_site(parent)
            of_block[id(block)] = found
        return found

    out = np.full(len(columns), COMPANY, dtype=np.int64)
    for j, var in enumerate(columns):
        label = first(var.index())  # type: ignore[attr-defined]
        out[j] = label if label != COMPANY else block_site(var.parent_block())  # type: ignore[attr-defined]
    return out


def partition(A: sp.csr_array | sp.csr_matrix, labels: np.ndarray, names: Sequence[str]) -> Partition:
    """Split the rows of `A` (CSR) by the labels of the columns they touch."""
    n_rows = A.shape[0]
    lo = np.full(n_rows, COMPANY, dtype=np.int64)
    hi = np.full(n_rows, COMPANY, dtype=np.int64)
    starts = A.indptr[:-1]
    filled = A.indptr[1:] > starts
    if A.nnz:
        per_entry = labels[A.indices]
        lo[filled] = np.minimum.reduceat(per_entry, starts[filled])
        hi[filled] = np.maximum.reduceat(per_entry, starts[filled])
    own = (lo == hi) & (lo >= 0)
    master_rows = np.flatnonzero(~own)
    order = np.argsort(lo[own], kind="stable")
    own_rows = np.flatnonzero(own)[order]
    cuts = np.searchsorted(lo[own][order], np.arange(len(names) + 1))
    block_rows = tuple(own_rows[cuts[s] : cuts[s + 1]] for s in range(len(names)))
    col_order = np.argsort(labels, kind="stable")
    col_cuts = np.searchsorted(labels[col_order], np.arange(-1, len(names) + 1))
    company_cols = col_order[col_cuts[0] : col_cuts[1]]
    block_cols = tuple(col_order[col_cuts[s + 1] : col_cuts[s + 2]] for s in range(len(names)))
    linking = hi[master_rows] >= 0
    return Partition(tuple(names), block_cols, block_rows, master_rows, linking, company_cols)
