"""Console adapter: commands on stdin, replies and posts as plain text on stdout."""
