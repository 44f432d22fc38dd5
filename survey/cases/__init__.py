"""The case tracker's commands; the tracker is `case_bridge`."""
