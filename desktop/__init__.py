"""Sổ nhiệm vụ: tracks the tasks and deadlines of party action programs."""

__version__ = "0.1.0"
