"""Small helpers shared by the apps. Nothing here imports an app."""
