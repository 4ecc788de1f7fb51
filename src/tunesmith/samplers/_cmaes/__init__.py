"""The CMA-ES sampler's bookkeeping: generations of finished trials and the states they lead to."""
