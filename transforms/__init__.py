"""Pure transforms on text: no file, network or database I/O here, so each is testable alone."""
