/* budgetpipe public API: the only header a plugin includes. */
#ifndef BUDGETPIPE_H
#define BUDGETPIPE_H

#include <budgetpipe/amount.h>
#include <budgetpipe/document.h>
#include <budgetpipe/plugin.h>
#include <budgetpipe/text.h>
#include <budgetpipe/profile.h>

#endif
