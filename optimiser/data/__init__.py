"""Data stage: hourly profiles, representative days and the numbers the model reads."""

from .modeldata import ModelData, SiteData, build_model_data

__all__ = ["ModelData", "SiteData", "build_model_data"]
