"""Shared fixtures. Qt's offscreen platform is chosen before anything imports Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).resolve().parent / "data"
# Copies of shared/seeds: the five real documents that are the ground truth of input.
SEEDS = DATA / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
