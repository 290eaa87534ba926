import path from 'node:path';
import type { Core } from '@strapi/strapi';

// SQLite by default (one file under cms/.tmp/); PostgreSQL when DATABASE_CLIENT=postgres,
// configured by DATABASE_URL or the DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD parts.
// Migrations in database/migrations are TypeScript: Strapi runs their compiled copies from
// dist/database/migrations, before it syncs the tables to the content types.
const settings = { useTypescriptMigrations: true };

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env('DATABASE_URL'),
          host: env('DATABASE_HOST', 'localhost'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'strapi'),
          user: env('DATABASE_USERNAME', 'strapi'),
          password: env('DATABASE_PASSWORD', 'strapi'),
          ssl: env.bool('DATABASE_SSL', false) && {
            rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
          },
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
      settings,
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT="${client}" is not supported: use "sqlite" (default) or "postgres".`);
  }

  // Relative paths are taken from the cms/ folder (this file runs from cms/dist/config/).
  const appRoot = path.resolve(__dirname, '..', '..');
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(appRoot, env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
    settings,
  };
};

export default config;
