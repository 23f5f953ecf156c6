"""Panels on the company dashboard (`/company/`) contributed by other apps.

`partnerships` never imports the other apps; each registers a template in its `AppConfig.ready()`:

    from partnerships.dashboard import register_panel
    register_panel("practices/_dashboard_panel.html", order=30)

Each panel template is included with the dashboard's context (`company`, `membership`, `is_owner`, `request`) and
loads what it shows through a template tag or an inclusion tag of its own app, so the dashboard stays one view.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    order: int


_panels: list[Panel] = []


def register_panel(template, order=50):
    if not any(panel.template == template for panel in _panels):
        _panels.append(Panel(template, order))
        _panels.sort(key=lambda panel: panel.order)


def panels():
    return [panel.template for panel in _panels]
