import * as migration_20261125_221113_initial from './20261125_221113_initial';

export const migrations = [
  {
    up: migration_20261125_221113_initial.up,
    down: migration_20261125_221113_initial.down,
    name: '20261125_221113_initial'
  },
];
