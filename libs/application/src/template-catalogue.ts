import type { ScoringTemplate } from '@app/domain';
import { SHIPPED_TEMPLATES, validateTemplate } from '@app/domain';
import type { TemplateCatalogue } from './template-round.service';
import { definitionOf } from './template-round.service';

/** The scoring module's validator and the templates shipped with PerfLedger. */
export const TEMPLATE_CATALOGUE: TemplateCatalogue = {
  validate(definition: unknown): string[] {
    if (!definition || typeof definition !== 'object' || Array.isArray(definition)) return ['$: 模板定义应为 JSON 对象 (a template is a JSON object)'];
    const checked = validateTemplate({ ...definition, id: 'template', version: 1 });
    return checked.ok ? [] : checked.errors.map((e) => `${e.path}: ${e.message}`);
  },
  builtins: Object.fromEntries(SHIPPED_TEMPLATES.map((t: ScoringTemplate) => [t.id, { name: t.name, definition: definitionOf(t) }])),
};
