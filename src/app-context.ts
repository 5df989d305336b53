import type { DataSource } from 'typeorm';
import type { Clock } from './calendar/time';
import type { AppConfig } from './config';

/** What every service needs: the database, the configuration and a clock. */
export interface AppContext {
  ds: DataSource;
  config: AppConfig;
  clock: Clock;
}
