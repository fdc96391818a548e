"""Writers: results → text, one module per format."""
