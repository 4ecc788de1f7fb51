"""Bridges to other libraries: scikit-learn now, PyTorch later.

Each subpackage imports its library only when it is itself imported, so
``import tunesmith`` never needs them.
"""
