"""One module per theme; each function takes a RunFolder and returns a plotly Figure with units on its axes."""
