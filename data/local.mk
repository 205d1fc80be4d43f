# National classification catalogues (see data/SOURCES.md), installed to
# $(pkgdatadir)/data and read through bp_data_path().
dist_bpdata_DATA += data/function-codes.tsv data/economic-codes.tsv \
	data/function-codes-former-names.tsv data/codes-evidence.tsv data/places.tsv data/SOURCES.md
