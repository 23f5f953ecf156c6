"""Django's database cache with an atomic `incr` that keeps the entry's expiry.

The database cache is the default without REDIS_URL. Django's version inherits `incr` from BaseCache: a get, then a
set. Thirty requests at the same moment all read the same count and all write it plus one, so a rate limit lets all
of them through; and the set gives the entry the default timeout, so a counter meant to last an hour is renewed by
every hit. The rate limits count with `incr` (portal.lib.ratelimit), so here it reads and writes the row in one
transaction that holds the row's lock, and writes only the value.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, key_column = quote(self._table), quote("cache_key")
        value_column, expires_column = quote("value"), quote("expires")
        # PostgreSQL locks the row; SQLite cannot, but its transaction takes the write lock when it begins (the
        # settings set transaction_mode IMMEDIATE), so a second incr waits there instead.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        # Table and column names come from the settings and are quoted; the key and the values are parameters.
        select = f"SELECT {value_column} FROM {table} WHERE {key_column} = %s AND {expires_column} >= %s{lock}"  # noqa: S608
        update = f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select, [key, now])
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta  # noqa: S301
            cursor.execute(update, [base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1"), key])
        return value
