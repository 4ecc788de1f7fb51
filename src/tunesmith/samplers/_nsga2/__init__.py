"""NSGA-II's pieces: survivor selection, mating tournaments, variation, novelty, generations."""
