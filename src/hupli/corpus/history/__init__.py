"""What changed in an original since its translation was accepted."""
