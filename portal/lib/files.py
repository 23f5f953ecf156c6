"""Removing uploaded files from storage when the rows that name them are deleted (Django leaves the files behind)."""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)


def delete_when_committed(files):
    """Delete these stored files (FieldFile values; empty ones are skipped) once the current transaction commits.

    Not before: a rollback brings back the rows that name them. A file already missing is no error; one that cannot be
    deleted is logged and the others are still deleted.
    """
    stored = [(file.storage, file.name) for file in files if file]
    if stored:
        transaction.on_commit(partial(_delete, stored))


def _delete(stored):
    for storage, name in stored:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("could not delete the stored file %s", name)
