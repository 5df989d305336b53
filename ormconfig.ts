// Data source for the TypeORM CLI (`npm run migration:generate`); the app builds its own in src/db.
import { loadConfig } from './src/config';
import { dataSourceOptions } from './src/db/data-source';
import { DataSource } from 'typeorm';

const config = loadConfig();
export default new DataSource(dataSourceOptions(config.databaseUrl, config.dataDir));
