import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** TypeORM options shared by the app, the migration CLI and the tests. Schema changes only through migrations. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 20, application_name: 'hamandishi' },
    ...extra,
  } as DataSourceOptions;
}
