import { registerEnumType } from 'type-graphql';
import { registerLabels, type LabelTable } from '../core/labels';

/**
 * Registers a GraphQL enum with its Vietnamese and English labels; the labels serve both the
 * schema descriptions and the `labels(of:)` query, so they are written once.
 */
export function registerLabelledEnum<E extends string>(
  enumObject: Record<string, E>,
  name: string,
  description: string,
  labels: LabelTable<E>,
): void {
  registerLabels(name, labels);
  const valuesConfig: Record<string, { description: string }> = {};
  for (const [key, value] of Object.entries(enumObject)) {
    const label = labels[value];
    valuesConfig[key] = { description: `${label.description ?? label.en} (${label.vi})` };
  }
  registerEnumType(enumObject, { name, description, valuesConfig });
}
