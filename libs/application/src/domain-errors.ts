import { FilingError, UnitError, UserError } from '@app/domain';
import { AppError } from '@app/shared';

/** Domain refusals become the shared error kinds (400 / 404 / 409 at the edge; exit codes in the CLI). */
export function toAppError(error: unknown): unknown {
  if (error instanceof FilingError || error instanceof UnitError) {
    return new AppError(error.kind, error.code, error.message, { field: error.field, messageEn: error.messageEn, cause: error });
  }
  if (error instanceof UserError) return new AppError(error.kind, error.code, error.message, { field: error.field, cause: error });
  return error;
}

/** A unique-index violation of the units read model: a second unit with the same name in a county. */
export function mapUniqueViolation(error: unknown, name: string): unknown {
  const pg = error as { code?: string; constraint?: string };
  if (pg?.code === '23505' && pg.constraint === 'units_name_key') {
    return new AppError('Conflict', 'unit-name-exists', `本行政区划内已有名为“${name}”的单位`, { field: 'name', messageEn: `a unit named "${name}" already exists in this county` });
  }
  return error;
}
