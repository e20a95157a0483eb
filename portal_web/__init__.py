"""Serves the web front end (`web/dist`, built by Vite) at each portal's address."""
