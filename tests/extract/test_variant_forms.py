"""Hand-written documents in the forms real programmes use (see ``variant_forms.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.variant_forms import VARIANT_FORMS, Variant, extract_variant, problems


@pytest.mark.parametrize("variant", VARIANT_FORMS, ids=[v.name for v in VARIANT_FORMS])
def test_variant_form(variant: Variant, tmp_path: Path) -> None:
    result = extract_variant(variant, tmp_path)
    assert problems(variant, result) == []
