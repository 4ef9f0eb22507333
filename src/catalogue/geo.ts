import type { Near } from './geo.types';

/*
 * Radius queries read the point earthdistance makes of a row's latitude and longitude from the
 * stored column `institution.earth_point` (`ll_to_earth(latitude, longitude)`, GiST-indexed), so
 * no row's point is computed at query time.
 */

/**
 * Distance in metres along the earth's surface from the centre to a row's point, equal to
 * earthdistance's `earth_distance(centre, point)` for every pair of points.
 *
 * `earth_distance(a, b)` is `sec_to_gc(cube_distance(a, b))`, and PostgreSQL calls `sec_to_gc` (a
 * SQL function it cannot inline) for every row. Its body is `CASE WHEN x < 0 THEN 0 WHEN
 * x/(2*earth()) > 1 THEN pi()*earth() ELSE 2*earth()*asin(x/(2*earth())) END`, of which this is
 * the inline form: a chord `x` is never negative; above 1, the ratio is capped at 1 and
 * `2*earth()*asin(1)` is `pi()*earth()` to the last bit (asin(1) is pi() halved, exactly); a NaN
 * ratio, which PostgreSQL orders above 1, is capped too, as the CASE does. The chord is written
 * once, where the CASE has it three times: PostgreSQL inlines the SQL functions `ll_to_earth` and
 * `earth` at every use, and planning their bodies is most of the planning time of a radius query.
 */
export function distanceSql(earthPoint: string): string {
  return `2*earth()*asin(least(cube_distance(ll_to_earth(?, ?), ${earthPoint})/(2*earth()), 1))`;
}

/** The parameters `distanceSql` binds, in order. */
export function distanceParams(near: Near): number[] {
  return [near.latitude, near.longitude];
}

/**
 * The row's point lies within the radius: the cube box around the centre uses the GiST index on
 * the stored point (it holds every point within the radius, and some beyond it), then the exact
 * distance keeps only those within the radius. A row without a location has no point, so never
 * matches.
 */
export function withinRadiusSql(earthPoint: string): string {
  return `earth_box(ll_to_earth(?, ?), ?) @> ${earthPoint} and ${distanceSql(earthPoint)} <= ?`;
}

/** The parameters `withinRadiusSql` binds, in order. */
export function withinRadiusParams(near: Near): number[] {
  const metres = near.radiusKm * 1000;
  return [near.latitude, near.longitude, metres, ...distanceParams(near), metres];
}
