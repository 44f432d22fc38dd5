"""What the people who run Ascolto watch: health and readiness, metrics, backups."""
