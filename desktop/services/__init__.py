"""Use cases over the database: what the window and the command line both call.

Services take a :class:`db.Database`, open one short session per call, and return frozen
dataclasses (never live ORM objects) plus, for writes, a :class:`Change` saying what moved.
"""
