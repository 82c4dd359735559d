"""Reading a hub's results: every source into one dataset (the results stage, which writes it, is
:mod:`packgen.stages.results`)."""

from packgen.results.dataset import Dataset, Issue, Place, Response
from packgen.results.ingest import Sources, ingest

__all__ = ["Dataset", "Issue", "Place", "Response", "Sources", "ingest"]
