/** Postgres' error code and constraint of a failed query, whether pg's error or TypeORM's wrapper of it. */
function pgError(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } } | null;
  return { code: e?.code ?? e?.driverError?.code, constraint: e?.constraint ?? e?.driverError?.constraint };
}

/** unique_violation (23505), of one named constraint when `constraint` is given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return e.code === '23505' && (!constraint || e.constraint === constraint);
}

/** foreign_key_violation (23503): a row still referred to, or referring to one that is gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error).code === '23503';
}

/** check_violation (23514) of one named constraint. */
export function isCheckViolation(error: unknown, constraint: string): boolean {
  const e = pgError(error);
  return e.code === '23514' && e.constraint === constraint;
}
