"""Real-name duty (Art. 4, 7): card format, roster matching, join screening, member cap."""
