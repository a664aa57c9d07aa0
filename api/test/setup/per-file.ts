// Integration specs run quietly; a failing test prints its own assertion.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
jest.setTimeout(30_000);
