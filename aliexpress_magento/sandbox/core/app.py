"""A minimal routed WSGI application: Werkzeug rules mapped to endpoint functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

Endpoint = Callable[..., Response]


class RoutedApp:
    def __init__(self, rules: Iterable[Rule], endpoints: Mapping[str, Endpoint]) -> None:
        self._map = Map(list(rules), strict_slashes=False)
        self._endpoints = dict(endpoints)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        try:
            endpoint, arguments = self._map.bind_to_environ(environ).match()
            response = self._endpoints[str(endpoint)](request, **arguments)
        except HTTPException as error:
            return error(environ, start_response)
        return response(environ, start_response)
