"""The task JSON format ("nhiemvu" v1, shared/spec/task-json.md): one definition.

The extractor writes it and the importer reads it; both take the names from here so the
two sides cannot drift apart.
"""

from __future__ import annotations

FORMAT = "nhiemvu"
VERSION = 1
# A task's fields in the order the extractor writes them; any other field is kept as extra.
TASK_FIELDS = (
    "id",
    "title",
    "section",
    "lead_unit",
    "support_units",
    "deadline_text",
    "due",
    "output_form",
    "notes",
)
