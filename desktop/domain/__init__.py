"""Pure-Python rules of the domain: no Qt, no SQLAlchemy, no I/O."""
