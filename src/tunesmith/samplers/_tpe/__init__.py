"""The mathematics of the Tree-structured Parzen Estimator, as functions on arrays.

Everything here works in the unit cube (``samplers/encoding.py``): each
hyperparameter is a column in [0, 1], NaN where a trial did not use it.
``TPESampler`` (``samplers/tpe.py``) only turns the history into these arrays
and the chosen point back into hyperparameters.

- ``layout``: what kind of axis each column is (continuous, ordered cells, choices);
- ``truncnorm``: a Gaussian cut to [0, 1] (density, mass of a cell, draws);
- ``bandwidth``: how wide each observation's kernel is, and how much evidence narrows it;
- ``parzen``: fit a Parzen estimator, its log-density, draws from it;
- ``split``: which observations are good ("below") and which bad ("above");
- ``weights``: how much each observation counts;
- ``tree``: the branches of a conditional space and the choices that pick them;
- ``acquisition``: the candidate that maximises l(x) / g(x), times the chance
  that a trial there completes when trials have failed.
"""
