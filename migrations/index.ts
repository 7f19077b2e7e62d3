import * as migration_20261125_232953_initial from './20261125_232953_initial';
import * as migration_20261126_021622_publisher_ai_analytics from './20261126_021622_publisher_ai_analytics';
import * as migration_20261204_140725_machine_written_collections_not_locked from './20261204_140725_machine_written_collections_not_locked';
import * as migration_20261206_220524_safe_publishing_isolation_trash from './20261206_220524_safe_publishing_isolation_trash';
import * as migration_20261207_010106_fleet_clone_structured_fields_editor_day from './20261207_010106_fleet_clone_structured_fields_editor_day';
import * as migration_20261207_034209_fleet_import_deploy_many_schedule_redirects_dashboard_warm from './20261207_034209_fleet_import_deploy_many_schedule_redirects_dashboard_warm';
import * as migration_20261207_122916_redirects_url_change from './20261207_122916_redirects_url_change';

export const migrations = [
  {
    up: migration_20261125_232953_initial.up,
    down: migration_20261125_232953_initial.down,
    name: '20261125_232953_initial',
  },
  {
    up: migration_20261126_021622_publisher_ai_analytics.up,
    down: migration_20261126_021622_publisher_ai_analytics.down,
    name: '20261126_021622_publisher_ai_analytics',
  },
  {
    up: migration_20261204_140725_machine_written_collections_not_locked.up,
    down: migration_20261204_140725_machine_written_collections_not_locked.down,
    name: '20261204_140725_machine_written_collections_not_locked',
  },
  {
    up: migration_20261206_220524_safe_publishing_isolation_trash.up,
    down: migration_20261206_220524_safe_publishing_isolation_trash.down,
    name: '20261206_220524_safe_publishing_isolation_trash',
  },
  {
    up: migration_20261207_010106_fleet_clone_structured_fields_editor_day.up,
    down: migration_20261207_010106_fleet_clone_structured_fields_editor_day.down,
    name: '20261207_010106_fleet_clone_structured_fields_editor_day',
  },
  {
    up: migration_20261207_034209_fleet_import_deploy_many_schedule_redirects_dashboard_warm.up,
    down: migration_20261207_034209_fleet_import_deploy_many_schedule_redirects_dashboard_warm.down,
    name: '20261207_034209_fleet_import_deploy_many_schedule_redirects_dashboard_warm',
  },
  {
    up: migration_20261207_122916_redirects_url_change.up,
    down: migration_20261207_122916_redirects_url_change.down,
    name: '20261207_122916_redirects_url_change'
  },
];
