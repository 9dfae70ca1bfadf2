"""Presentation shared by the two views of a dossier, the HTML report (``parallax/output``)
and the web app (``parallax/web``): the story model they render (:mod:`.views`), the Jinja
macros that render it (``templates/``) and the stylesheet and icon (``static/``).  Both views
import from here; neither imports the other."""

from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
