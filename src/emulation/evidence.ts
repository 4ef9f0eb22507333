import type { RequestContext } from '../core/context';
import { UserInputError } from '../core/errors';

/**
 * Evidence or dossier file keys as given: trimmed, non-empty, at most 20, each of an evidence file
 * the actor uploaded and completed (`createEvidenceFileUpload`), but for those already on the record (`kept`).
 */
export async function checkFileKeys(ctx: RequestContext, keys: readonly string[] | null | undefined, field: string, kept: readonly string[] = []): Promise<string[]> {
  const cleaned = [...new Set((keys ?? []).map((key) => key.trim()).filter((key) => key.length > 0))];
  if (cleaned.length > 20) throw new UserInputError('TOO_MANY_FILES', [field], { max: 20 });
  if (cleaned.some((key) => key.length > 500)) throw new UserInputError('EVIDENCE_KEY_TOO_LONG', [field]);
  await ctx.services.evidenceUploads.requireCompleted(ctx, cleaned, field, kept);
  return cleaned;
}

/** Trimmed text within a length, refused with the field at fault when empty or too long. */
export function requiredText(value: string, max: number, field: string): string {
  const text = value.trim();
  if (!text) throw new UserInputError('REQUIRED', [field]);
  if (text.length > max) throw new UserInputError('TOO_LONG', [field], { max });
  return text;
}

/** A calendar day YYYY-MM-DD that has come, refused otherwise. */
export function pastDay(value: string, today: string, field: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new UserInputError('INVALID_DATE', [field]);
  if (value > today) throw new UserInputError('DATE_IN_FUTURE', [field]);
  return value;
}
