import { HUNAN_LEGACY_OVERALL_TEMPLATE } from './hunan-legacy-overall.template';
import { NATIONAL_DEFAULT_TEMPLATE } from './national-default.template';
import type { ScoringTemplate } from './template.types';

/** The templates shipped with the platform, by id. */
export const SHIPPED_TEMPLATES: readonly ScoringTemplate[] = Object.freeze([NATIONAL_DEFAULT_TEMPLATE, HUNAN_LEGACY_OVERALL_TEMPLATE]);

export function shippedTemplate(id: string): ScoringTemplate | undefined {
  return SHIPPED_TEMPLATES.find((t) => t.id === id);
}
