/** The schema the application reads and writes its read models in. */
export const LIVE_SCHEMA = 'perfledger';

/**
 * The shadow schema a blue/green rebuild builds in (created by the Rebuilds migration, so the app role
 * needs no CREATE on the database: a rebuild creates and drops only its tables there).
 */
export const SHADOW_SCHEMA = 'perfledger_rebuild';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/u;

/**
 * `<schema>.<table>`: every read-model statement names its schema (nothing relies on search_path); the
 * writers take the schema so a rebuild can fold into a shadow with the very same SQL.
 */
export function tableIn(schema: string, table: string): string {
  if (!IDENTIFIER.test(schema) || !IDENTIFIER.test(table)) throw new Error(`not a plain SQL identifier: ${schema}.${table}`);
  return `${schema}.${table}`;
}
