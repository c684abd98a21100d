"""The task JSON format ("nhiemvu" v1 and v2, shared/spec/task-json.md): one definition.

The extractor writes it and the importer reads it; both take the names from here so the
two sides cannot drift apart.
"""

from __future__ import annotations

FORMAT = "nhiemvu"
VERSION = 2
"""The version the built-in extractor writes."""
VERSIONS = (1, 2)
"""The versions the importer reads: version 2 adds to version 1, which still imports."""
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
# What version 2 adds to a task: the fields the extractor guessed, and whether it restored
# letters that PDF extraction dropped.
V2_TASK_FIELDS = ("guessed", "repaired")
