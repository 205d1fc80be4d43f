# po/: message catalogues. msgfmt compiles each po/LANG.po into the build
# tree's po/locale/LANG/LC_MESSAGES/budgetpipe.mo (what an uninstalled
# budgetpipe reads) and `make install` copies it to $(localedir).
# `make update-po` re-extracts the messages of po/POTFILES and merges them
# into every po/LANG.po.
PO_LINGUAS = zh_CN
PO_MO = $(PO_LINGUAS:%=po/locale/%/LC_MESSAGES/budgetpipe.mo)
noinst_DATA = $(PO_MO)
EXTRA_DIST += po/POTFILES $(PO_LINGUAS:%=po/%.po)
CLEANFILES += $(PO_MO)

# One rule per language (a pattern rule is a GNU make extension).
po/locale/zh_CN/LC_MESSAGES/budgetpipe.mo: $(srcdir)/po/zh_CN.po
	@$(MKDIR_P) po/locale/zh_CN/LC_MESSAGES
	$(AM_V_GEN)$(MSGFMT) --check -o $@ $(srcdir)/po/zh_CN.po

install-data-local: install-po
install-po: $(PO_MO)
	@for lang in $(PO_LINGUAS); do \
	  $(MKDIR_P) "$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES" && \
	  $(INSTALL_DATA) po/locale/$$lang/LC_MESSAGES/budgetpipe.mo \
	    "$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES/budgetpipe.mo" || exit 1; \
	done
uninstall-local: uninstall-po
uninstall-po:
	@for lang in $(PO_LINGUAS); do \
	  rm -f "$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES/budgetpipe.mo"; \
	done
clean-local: clean-po-locale
clean-po-locale:
	rm -rf po/locale

# Keywords: bp_gettext and the BP_N_ marker, bp_ngettext's two forms,
# GLib's _ / N_, validate_report's format (its fifth argument) and
# validate_what's (a message part built before the format).
XGETTEXT_KEYWORDS = --keyword=_ --keyword=N_ --keyword=bp_gettext --keyword=BP_N_ \
	--keyword=bp_ngettext:1,2 --keyword=validate_report:5 --keyword=validate_what
update-po:
	cd $(srcdir) && $(XGETTEXT) --from-code=UTF-8 --language=C $(XGETTEXT_KEYWORDS) \
	  --add-comments=TRANSLATORS --package-name=budgetpipe --msgid-bugs-address=none \
	  --files-from=po/POTFILES -o po/budgetpipe.pot
	cd $(srcdir) && for lang in $(PO_LINGUAS); do \
	  $(MSGMERGE) --update --backup=none --no-fuzzy-matching po/$$lang.po po/budgetpipe.pot || exit 1; \
	done
	rm -f $(srcdir)/po/budgetpipe.pot
.PHONY: install-po uninstall-po clean-po-locale update-po
