import { loadEnv } from '../../config/env';
import { seedDemo } from './demo-seed';

// `npm run seed`: seeds the demo municipality into DATABASE_URL.
async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.DATABASE_URL) throw new Error('Set DATABASE_URL (npm start seeds the embedded database by itself).');
  await seedDemo(env.DATABASE_URL);
  console.log('demo municipality seeded');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
