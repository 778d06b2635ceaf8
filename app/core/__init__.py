"""Pure building blocks shared by every layer: money in pence, dates in Europe/London, problems as values."""
