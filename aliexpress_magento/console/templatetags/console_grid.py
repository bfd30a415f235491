"""The grid's result table with the filter row under the column headers (``column_filters``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.admin.templatetags.admin_list import result_list

register = template.Library()


@register.inclusion_tag("admin/console/change_list_results.html")
def grid_results(cl: Any) -> dict[str, Any]:
    """Django's ``result_list`` context, drawn by the console's table: the same headers and rows, a
    filter row under the headers, and the table kept (with "No records found.") when no row matches, so
    the filters can still be changed."""
    return result_list(cl)
