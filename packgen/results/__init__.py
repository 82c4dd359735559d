"""The results stage: read every source of a hub's results into one dataset (results.json)."""

from packgen.results.dataset import Dataset, Issue, Place, Response
from packgen.results.ingest import Sources, ingest

__all__ = ["Dataset", "Issue", "Place", "Response", "Sources", "ingest"]
