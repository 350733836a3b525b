"""The web app: server-rendered pages (Jinja2 + htmx), their JSON twins under ``/api/``, static assets.

Build it with :func:`chiso.web.app.create_app`; serve it with ``chiso serve``.
"""
