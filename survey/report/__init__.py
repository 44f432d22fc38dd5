"""The management report's database side: the loader that reads one period for
`analysis.report`, and the `ascolto report` command."""
