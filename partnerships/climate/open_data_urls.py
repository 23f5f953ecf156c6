from django.urls import path

from partnerships.climate import open_data_views

app_name = "open_data"

urlpatterns = [
    path("open-data/", open_data_views.index, name="index"),
    path("open-data/catalog.jsonld", open_data_views.catalog, name="catalog"),
    path(f"open-data/{open_data_views.ZIP_NAME}", open_data_views.zip_file, name="zip"),
    path("open-data/<slug:name>.csv", open_data_views.csv_file, name="csv"),
    path("open-data/<slug:name>.json", open_data_views.json_file, name="json"),
]
