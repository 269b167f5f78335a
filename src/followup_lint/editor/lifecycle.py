"""The protocol's lifecycle rules, which pygls leaves to the server.

The Language Server Protocol says: before ``initialize`` a request gets the
error ``ServerNotInitialized`` (-32002) and notifications other than ``exit``
are dropped; after ``shutdown`` a request gets ``InvalidRequest`` (-32600)
and only ``exit`` is heard; ``exit`` ends the process with status 0 after a
``shutdown`` and 1 without one. pygls answers nothing after ``shutdown`` (the
client waits forever) and serves requests before ``initialize`` (the
workspace does not exist yet, so they fail in odd ways). pygls already picks
the ``exit`` status; ``exit_status`` keeps it for the command to return.
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest, JsonRpcServerNotInitialized
from pygls.protocol import LanguageServerProtocol

logger = logging.getLogger(__name__)


class LifecycleProtocol(LanguageServerProtocol):
    """pygls's protocol, with the lifecycle rules for requests before and after the session."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialized = False
        #: 0 after ``shutdown`` then ``exit``, 1 for ``exit`` alone (set when ``exit`` arrives).
        self.exit_status: int | None = None

    def handle_message(self, message: Any) -> None:
        """Answer or drop what the protocol forbids; pass the rest to pygls."""
        method = getattr(message, "method", None)
        is_request = method is not None and getattr(message, "id", None) is not None
        if method == types.EXIT:
            self.exit_status = 0 if self._shutdown else 1
        elif method == types.INITIALIZE:
            if self.initialized and is_request:
                self._refuse(message, JsonRpcInvalidRequest("initialize was already sent"))
                return
            self.initialized = True
        elif method is not None and not self.initialized:
            if is_request:
                self._refuse(message, JsonRpcServerNotInitialized(
                    f"'{method}' before 'initialize': send 'initialize' first"))
            return
        elif method is not None and self._shutdown:
            if is_request:
                self._refuse(message, JsonRpcInvalidRequest(
                    f"'{method}' after 'shutdown': only 'exit' is accepted now"))
            return
        super().handle_message(message)

    def _refuse(self, message: Any, error: Any) -> None:
        logger.warning("refused %s: %s", message.method, error)
        self._send_response(message.id, None, error.to_response_error())
