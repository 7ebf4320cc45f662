"""The language features: each module here defines `setup(server)`, called once by `create_server()`.

A module registers its requests with `@server.feature(...)` and reacts to the
document lifecycle with `server.listen(event, fn)`; it reads documents through
`server.documents.get(uri)` (a `DocumentState`: text, parse, model, positions).
"""
