"""The auto sampler's policy: which sampler suits a study in its current state, and why."""
