"""Paper forms: numbered forms printed for a hub, and their scans read back into the results.

:mod:`~packgen.paper.layout` is where every box sits (what printing records and reading uses).
"""
