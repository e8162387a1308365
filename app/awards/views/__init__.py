"""The award's pages, by audience: the public (`public`), the jury (`jury`), the
administrator setting up (`setup`), screening (`screening`) and deciding (`decisions`), and the
records (`records`); `blueprint` holds `bp` and what they share."""

from app.awards.views import decisions, jury, public, records, screening, setup  # noqa: F401
from app.awards.views.blueprint import bp

__all__ = ["bp"]
