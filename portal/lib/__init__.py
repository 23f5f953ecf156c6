"""Helpers shared by every app. Nothing here imports an app of the project (a test checks it): mail sending, image
checks, text (slugs and search folding), the client's address, admin accessibility labels, spreadsheet formula
escaping, a person's addresses for the personal data download and account deletion, and deleting stored files after
a commit."""
