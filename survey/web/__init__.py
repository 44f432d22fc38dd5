"""Web plumbing shared by every domain: errors, languages, forms, tokens, templates, statics."""
