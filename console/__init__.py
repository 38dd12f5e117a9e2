"""The department's web console, served by the bot itself under /console (issue 17).

bot.py attaches it (`console.app.attach`) after the plugins are loaded: its pages call the
plugins' services, the same ones the chat commands use.
"""
