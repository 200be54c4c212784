"""Results stage: tidy tables from a solved model, key figures, atomic writing of a results folder."""
