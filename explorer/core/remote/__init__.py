"""Everything that talks to a SPARQL 1.1 endpoint: the client, safe terms, queries, the remote store
and the lazily loaded remote knowledge, summaries and publishing. Local knowledge never imports this."""
