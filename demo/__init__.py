"""A tour of the bot without a QQ account: `python -m demo.tour`."""
