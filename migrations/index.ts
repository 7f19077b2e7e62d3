import * as migration_20261125_213838_initial from './20261125_213838_initial';

export const migrations = [
  {
    up: migration_20261125_213838_initial.up,
    down: migration_20261125_213838_initial.down,
    name: '20261125_213838_initial'
  },
];
