"""Settings every test run shares."""

from __future__ import annotations

import os

# Keras 3 runs on PyTorch in tunesmith's tests (TensorFlow is not installed); Keras reads the
# backend once, when first imported, so it is set before any test module imports keras.
os.environ.setdefault("KERAS_BACKEND", "torch")
