"""The language features: each module here defines `setup(server)`, called once by `create_server()`.

A module registers its requests with `@server.feature(...)` and reacts to the
document lifecycle with `server.listen(event, fn)`; it reads documents through
`server.documents.parseable(uri)` (a `DocumentState`: text, parse, model, positions; None
for a document too large to parse on the loop) or `get(uri)` when the text alone will do.
"""
