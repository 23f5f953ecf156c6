"""Pages of long lists whose cost does not grow with the number of rows.

Django's Paginator counts every matching row (`SELECT COUNT(*)`) to number the pages: at 100,000 practices that
count reads 100,000 index entries on every page view, and a search for a common word counts every practice holding
it. `CappedPaginator` counts at most `cap` + 1 rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`): a list longer than
`cap` says "more than 1,000" and offers its first `cap` rows, as search engines do; a visitor narrows the search to
go further. So no page reads more than `cap` + 1 rows to count, and no page beyond the cap is built (its OFFSET
would read every row before it).
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

CAP = 1000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, cap=None, counted=None, **kwargs):
        """`counted`: the same rows without what only the page needs (annotations), to count them more cheaply; or
        the number of rows (at most `cap` + 1) when the caller knows it already."""
        super().__init__(object_list, per_page, **kwargs)
        self.cap = CAP if cap is None else cap
        self.counted = object_list if counted is None else counted

    @cached_property
    def _counted(self):
        if isinstance(self.counted, int):
            return self.counted
        # Unordered: the number is the same, and the database need not sort every match to count the first ones.
        return self.counted.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self):
        """The number of rows, or `cap` when there are more (`is_capped` then says so)."""
        return min(self._counted, self.cap)

    @property
    def is_capped(self):
        """True when more rows match than the pages offer."""
        return self._counted > self.cap
