"""Briefings: a saved view, an actor's or a pair's claims as a self-contained HTML or PDF document where
every sentence carries its quotes (build: the content; svg: the figure; html, pdf: the outputs)."""
