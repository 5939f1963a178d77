"""Chat commands as pure functions of the content set, a moment and the chat."""
