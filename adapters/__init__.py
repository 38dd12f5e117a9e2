"""The platform port: what a plugin may ask of a chat platform, and one module per platform.

Plugins import from `adapters.port`, `adapters.actions`, `adapters.message` and
`adapters.events`; only `adapters/onebot*.py` knows OneBot's action and event names.
"""
