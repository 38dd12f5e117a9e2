"""The platform port: what a plugin may ask of a chat platform, and one module per platform.

Plugins import from `adapters.port`, `adapters.actions`, `adapters.message` and
`adapters.events`; only `adapters/onebot*.py` knows OneBot's action and event names, only
`adapters/telegram*.py` the Bot API's. Each platform declares what it can do
(`port.Capabilities`); a duty reads that, never a platform's name.
"""
