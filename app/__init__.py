"""Supple: a terminal coach for gym warm-ups and post-workout stretches."""

__version__ = "0.1.0"
