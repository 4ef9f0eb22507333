/**
 * A citizen counts for a year only when registered on the platform before that year ended
 * (Vietnam time), so registering people later does not change a past year's figures. `yearEnd`
 * is SQL for the first day of the next year.
 */
export function registeredBefore(citizenAlias: string, yearEnd: string): string {
  return `${citizenAlias}.created_at < (${yearEnd})::timestamp at time zone 'Asia/Ho_Chi_Minh'`;
}
