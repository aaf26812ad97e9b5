// Migrations in order, one file each; a new one is appended, never edited once released.

import type { Migration } from 'kysely';
import { initial } from './0001-initial.js';
import { audit } from './0002-audit.js';
import { resolution } from './0003-resolution.js';
import { access } from './0004-access.js';
import { indicators } from './0005-indicators.js';
import { searchIndexes } from './0006-search-indexes.js';
import { conflictResolutions } from './0007-conflict-resolutions.js';
import { resolvedRuns } from './0008-resolved-runs.js';
import { personLinksCover } from './0009-person-links-cover.js';
import { personViews } from './0010-person-views.js';
import { dropPrefixIndexes } from './0011-drop-prefix-indexes.js';
import { runColumns } from './0012-run-columns.js';
import { recentBlockKeys } from './0013-recent-block-keys.js';
import { blockKeysCover } from './0014-block-keys-cover.js';
import { personTallies } from './0015-person-tallies.js';
import { indicatorDirty } from './0016-indicator-dirty.js';
import { personLinksClustered } from './0017-person-links-clustered.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_audit': audit,
  '0003_resolution': resolution,
  '0004_access': access,
  '0005_indicators': indicators,
  '0006_search_indexes': searchIndexes,
  '0007_conflict_resolutions': conflictResolutions,
  '0008_resolved_runs': resolvedRuns,
  '0009_person_links_cover': personLinksCover,
  '0010_person_views': personViews,
  '0011_drop_prefix_indexes': dropPrefixIndexes,
  '0012_run_columns': runColumns,
  '0013_recent_block_keys': recentBlockKeys,
  '0014_block_keys_cover': blockKeysCover,
  '0015_person_tallies': personTallies,
  '0016_indicator_dirty': indicatorDirty,
  '0017_person_links_clustered': personLinksClustered,
};
