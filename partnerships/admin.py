"""The partnerships app's admin. Each part of the app keeps its admin classes in its own module."""

from partnerships import cooperation_admin  # noqa: F401
