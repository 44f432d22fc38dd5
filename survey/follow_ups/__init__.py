"""Follow-ups as work: owner office, named manager, states, outcomes, history, signed links."""
