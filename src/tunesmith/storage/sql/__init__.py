"""SQLStorage: studies in SQLite or PostgreSQL, through SQLAlchemy Core.

Modules: ``storage`` (the Storage implementation), ``changes`` (how writers
take turns and count changes), ``records`` (trials to rows and back),
``summaries`` (the study list), ``schema`` (the tables), ``migrations`` (the
schema version and its upgrade steps), ``dialects`` (what differs between
SQLite and PostgreSQL), ``urls`` (URL checks) and ``codec`` (Python values to
column values).
"""

from tunesmith.storage.sql.storage import SQLStorage

__all__ = ["SQLStorage"]
