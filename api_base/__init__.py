"""What the portal API and the agency API are both built on: the one error shape
and its handler, the error responses of the schema, cursor pages. Below both in the
dependency order (they import it; it imports neither)."""
