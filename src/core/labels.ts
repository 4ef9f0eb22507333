import type { Locale } from './locale';

/** A value's names in both languages of the product. */
export interface Label {
  vi: string;
  en: string;
  /** What the value means, for the schema's description of the enum value. */
  description?: string;
}

export type LabelTable<E extends string> = Record<E, Label>;

const tables = new Map<string, LabelTable<string>>();

/** Keeps an enum's labels under its name, for texts built anywhere (explanations, exports). */
export function registerLabels<E extends string>(name: string, labels: LabelTable<E>): void {
  tables.set(name, labels);
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
