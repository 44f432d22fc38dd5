"""The management report: one period's cases joined with their answers (`data`, read from the
database by `survey.report.loader`), analysed and described section by section, written as
HTML or PDF."""
