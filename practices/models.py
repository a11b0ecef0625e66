"""Models of this section arrive with its issue; the app exists so the house has its shape."""
