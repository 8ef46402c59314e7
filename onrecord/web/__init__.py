"""``onrecord serve``: a read-only web UI and REST API over the store.

``app.create_app`` builds the FastAPI application; ``api`` holds the JSON routes under
``/api``, ``pages`` the server-rendered HTML pages, ``security`` the headers and limits.
"""

from onrecord.web.app import create_app

__all__ = ["create_app"]
