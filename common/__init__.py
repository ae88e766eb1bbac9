"""Small pieces every app of the platform shares (not a Django app)."""
