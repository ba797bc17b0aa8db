import type { FilingState } from '@app/domain';
import type { SqlClient } from '@app/event-store';

/**
 * The template a filing is scored with, and the suggested scores to put in its `computed` map.
 * Placeholder until the scoring module lands: no template, nothing suggested.
 */
export async function filingScoring(db: SqlClient, state: FilingState): Promise<{ templateVersion: string | null; computed: Record<string, string> }> {
  void db;
  return { templateVersion: state.template ? `${state.template.templateId}@${state.template.templateVersion}` : null, computed: {} };
}
