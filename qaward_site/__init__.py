"""qaward-site: check and publish the records of a government quality award (政府质量奖)."""

__version__ = "0.1.0"
