"""Shelter services: map-app links, the finder's data, the overview map and the printable
district list. The models stay in :mod:`knowledge.models.shelters`."""
