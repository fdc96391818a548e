"""The aligner: two documents → links between their blocks, and findings about them."""
