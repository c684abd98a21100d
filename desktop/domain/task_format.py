"""The task JSON format ("nhiemvu" v1, shared/spec/task-json.md): one definition.

The extractor writes it and the importer reads it; both take the names from here so the
two sides cannot drift apart.
"""

from __future__ import annotations

FORMAT = "nhiemvu"
VERSION = 2  # what the built-in extractor writes (version 2 adds horizon, guessed, repaired)
READABLE_VERSIONS = (1, 2)  # what the importer reads; a version-1 file still imports
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
# Version 2 adds these per task (the fields the extractor guessed, whether letters were
# restored); an importer that does not know them keeps them as extra fields.
TASK_FIELDS_V2 = (*TASK_FIELDS, "guessed", "repaired")
