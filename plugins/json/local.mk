# plugins/json: the JSON sink (SCHEMA.md document per input).
plugin_LTLIBRARIES += plugins/json/json.la
plugins_json_json_la_SOURCES = plugins/json/json.c
plugins_json_json_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_json_json_la_LIBADD = $(PLUGIN_LIBADD)
