import { normalisePhone } from '../auth/credentials';
import type { UserErrorCode } from '../core/user-error-codes';
import type { RequestContext } from '../core/context';
import { Citizen } from '../people/citizens/citizen.entity';
import { checkNationalId } from '../people/citizens/national-id';

export type PersonMatch = { citizen: Citizen } | { unknown: true } | { problem: { code: UserErrorCode; message: string } };

/**
 * Finds citizens by what a file names them with: a national ID number (by its digest) or a
 * mobile number (which must belong to exactly one citizen). Two queries for the whole file.
 */
export async function findPeople(ctx: RequestContext, values: string[]): Promise<Map<string, PersonMatch>> {
  const phones = new Map<string, string>();
  const digests = new Map<string, string>();
  const result = new Map<string, PersonMatch>();
  for (const raw of new Set(values)) {
    const phone = normalisePhone(raw);
    const nationalId = checkNationalId(raw);
    if (phone) phones.set(raw, phone);
    else if (nationalId.ok) digests.set(raw, ctx.services.nationalIds.digest(nationalId.value));
    else result.set(raw, { problem: { code: 'INVALID_PERSON', message: 'Neither a 12-digit national ID number nor a Vietnamese mobile number' } });
  }
  const byDigest = new Map(
    (await ctx.em.find(Citizen, { nationalIdDigest: { $in: [...digests.values()] } }, { populate: ['residence'] })).map((c) => [c.nationalIdDigest, c]),
  );
  const byPhone = new Map<string, Citizen[]>();
  for (const citizen of await ctx.em.find(Citizen, { phone: { $in: [...phones.values()] } }, { populate: ['residence'] })) {
    byPhone.set(citizen.phone as string, [...(byPhone.get(citizen.phone as string) ?? []), citizen]);
  }
  for (const [raw, digest] of digests) {
    const citizen = byDigest.get(digest);
    result.set(raw, citizen ? { citizen } : { unknown: true });
  }
  for (const [raw, phone] of phones) {
    const matches = byPhone.get(phone) ?? [];
    if (matches.length > 1) result.set(raw, { problem: { code: 'AMBIGUOUS_PHONE', message: 'Several citizens share this phone number; use the national ID number' } });
    else result.set(raw, matches[0] ? { citizen: matches[0] } : { unknown: true });
  }
  return result;
}
