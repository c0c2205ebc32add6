"""Response headers that tell browsers what this site's pages may do."""
