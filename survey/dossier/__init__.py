"""`ascolto dossier`: the year-end summary the department publishes."""
