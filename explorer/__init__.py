"""explorer: a knowledge-graph explorer where every edge is traced back to the words that support it."""

__version__ = "0.1.0"
