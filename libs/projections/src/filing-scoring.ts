import type { FilingScore, FilingState, ScoringTemplate } from '@app/domain';
import { NATIONAL_DEFAULT_TEMPLATE, scoreComputed, scoreFiling, validateTemplate } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { LIVE_SCHEMA } from './read-model-tables';
import { findTemplate } from './template-round.projection';

/** A stored template version as the scoring module takes it (the stream holds the definition; the id and version are the stream's). */
export function templateOf(templateId: string, version: number, definition: unknown): ScoringTemplate | null {
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) return null;
  const checked = validateTemplate({ ...(definition as object), id: templateId, version });
  return checked.ok ? checked.template : null;
}

/**
 * The template a filing is scored with — the version recorded on the filing, else the shipped national
 * default (no round yet) — and the template's suggested scores for the `computed` map. `templatesSchema`:
 * the live templates, or a rebuild's shadow.
 */
export async function filingScoring(
  db: SqlClient,
  state: FilingState,
  templatesSchema: string = LIVE_SCHEMA,
): Promise<{ templateVersion: string | null; template: ScoringTemplate; score: FilingScore; computed: Record<string, string> }> {
  let template: ScoringTemplate = NATIONAL_DEFAULT_TEMPLATE;
  let templateVersion: string | null = null;
  if (state.template) {
    templateVersion = `${state.template.templateId}@${state.template.templateVersion}`;
    const row = await findTemplate(db, state.template.templateId, state.template.templateVersion, templatesSchema);
    const stored = row && templateOf(row.templateId, row.version, row.definition);
    if (stored) template = stored;
  }
  const score = scoreFiling(state, template);
  return { templateVersion, template, score, computed: scoreComputed(score) };
}
