"""Carbon accounting to GB/T 32150-2015: physical units, the standard's default fuel factors, global warming
potentials and the published grid factors. Pure data and arithmetic: no model, no scenario.

| module | holds |
| --- | --- |
| `units.py` | the pint registry: activity data in the units plants keep (t, Nm3, 10^4 Nm3, GJ, kWh, tce) |
| `fuels.py` | GB/T 32150 Annex B defaults (NCV, carbon content, oxidation) and IPCC 2006 CH4/N2O factors |
| `gwp.py` | global warming potentials, IPCC AR5 and AR6 (100 years) |
| `grid.py` | published grid factors by year (MEE/NBS national and regional, the ETS reporting factor) |
"""
