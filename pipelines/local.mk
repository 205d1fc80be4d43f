# Shipped pipeline files, installed to $(pkgdatadir)/pipelines.
dist_pipeline_DATA += pipelines/default.conf pipelines/corpus.conf \
	pipelines/qingshan-budget.conf pipelines/qingshan-final.conf \
	pipelines/jianghan-budget.conf \
	pipelines/putuo-budget.conf pipelines/putuo-final.conf
