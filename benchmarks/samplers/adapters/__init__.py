"""Adapters: one problem definition turned into each tool's objective and search space."""
