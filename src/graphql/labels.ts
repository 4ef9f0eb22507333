import { registerEnumType } from 'type-graphql';
import type { Locale } from '../core/locale';

export interface Label {
  vi: string;
  en: string;
  /** What the value means, for the schema's description of the enum value. */
  description?: string;
}

type LabelTable<E extends string> = Record<E, Label>;

const tables = new Map<string, LabelTable<string>>();

/**
 * Registers a GraphQL enum with its Vietnamese and English labels; the labels serve both the
 * schema descriptions and the `labels(enum:)` query, so they are written once.
 */
export function registerLabelledEnum<E extends string>(
  enumObject: Record<string, E>,
  name: string,
  description: string,
  labels: LabelTable<E>,
): void {
  tables.set(name, labels);
  const valuesConfig: Record<string, { description: string }> = {};
  for (const [key, value] of Object.entries(enumObject)) {
    const label = labels[value];
    valuesConfig[key] = { description: `${label.description ?? label.en} (${label.vi})` };
  }
  registerEnumType(enumObject, { name, description, valuesConfig });
}

export function labelOf(enumName: string, value: string, locale: Locale): string {
  const label = tables.get(enumName)?.[value];
  if (!label) throw new Error(`no label for ${enumName}.${value}`);
  return label[locale];
}

export function labelledEnumNames(): string[] {
  return [...tables.keys()].sort();
}

export function labelsOf(enumName: string): [string, Label][] | undefined {
  const table = tables.get(enumName);
  return table ? Object.entries(table) : undefined;
}
