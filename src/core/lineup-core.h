/* lineup-core.h: everything the core offers, for its users outside src/core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lineup-types.h"
#include "lineup-platform.h"
#include "lineup-post.h"
#include "lineup-pillar.h"
#include "lineup-content-type.h"
#include "lineup-campaign.h"
#include "lineup-store.h"
#include "lineup-plan.h"
#include "lineup-context.h"
#include "lineup-workflow.h"
#include "lineup-mix.h"
#include "lineup-ics.h"
#include "lineup-feed.h"
#include "lineup-overlay.h"
#include "lineup-post-model.h"
#include "lineup-agenda-model.h"
#include "lineup-month-grid.h"
#include "lineup-filter.h"
#include "lineup-csv.h"
#include "lineup-demo.h"
#include "lineup-json.h"
#include "lineup-calendar-layout.h"
#include "lineup-series.h"
#include "lineup-series-edit.h"
#include "lineup-skeleton.h"
#include "lineup-skeleton-store.h"
#include "lineup-results.h"
#include "lineup-store-results.h"
