"""Privacy: the notice, retention, the rights of the person, masking of comments."""
