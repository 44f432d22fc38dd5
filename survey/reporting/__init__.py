"""The management report: cases joined with answers, analysed, written as HTML or PDF."""
