"""The web app's pages, one module per concept; each exposes ``router`` (its HTML pages and
their ``/api`` twins)."""
