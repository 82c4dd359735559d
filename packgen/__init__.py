"""packgen: bespoke packs, evaluation reports and "You said, we did" for Innovation Hubs."""

__version__ = "0.1.0"
