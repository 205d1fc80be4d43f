# Shipped pipeline files, installed to $(pkgdatadir)/pipelines.
dist_pipeline_DATA += pipelines/default.conf
