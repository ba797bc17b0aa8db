import type { FilingScore, ScoringTemplate } from '@app/domain';
import { parseTemplateRef, RoundError, scoreFiling, shippedTemplate } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { filingScoring, findTemplate, templateOf } from '@app/projections';
import { AppError } from '@app/shared';
import type { FilingRef } from './filing-ref';
import type { FilingCommandHandler } from './filing.service';

/**
 * A template by reference (`id@n`, or `id` for its latest version): a published version from the log,
 * else a template shipped with the code (as its version 1, not yet published). Read-only.
 */
export async function templateByRef(db: SqlClient, ref: string): Promise<ScoringTemplate> {
  let parsed: { templateId: string; version: number | null };
  try {
    parsed = parseTemplateRef(ref);
  } catch (error) {
    const e = error as RoundError;
    throw new AppError(e.kind, e.code, e.message, { field: e.field, messageEn: e.messageEn });
  }
  const row = await findTemplate(db, parsed.templateId, parsed.version);
  if (row) {
    const template = templateOf(row.templateId, row.version, row.definition);
    if (template) return template;
  }
  const shipped = shippedTemplate(parsed.templateId);
  if (!row && shipped && (parsed.version === null || parsed.version === shipped.version)) return shipped;
  throw new AppError('NotFound', 'template-not-found', `模板 ${ref} 不存在（perfledger templates 可列出全部模板）`, { field: 'template', messageEn: `no template ${ref}` });
}

/** A filing scored under its own template version (what the view holds), or under another for comparison. */
export async function scoreOfFiling(
  db: SqlClient,
  filings: FilingCommandHandler,
  ref: FilingRef,
  templateRef?: string,
): Promise<{ version: number; assigned: string | null; score: FilingScore }> {
  const { state, version } = await filings.load(db, ref);
  const assigned = state.template ? `${state.template.templateId}@${state.template.templateVersion}` : null;
  const template = templateRef ? await templateByRef(db, templateRef) : (await filingScoring(db, state)).template;
  return { version, assigned, score: scoreFiling(state, template) };
}
