import type { Near } from './geo.types';

/**
 * Distance in metres from the centre to a row's point, and the condition that the point lies
 * within the radius: the cube box uses the GiST index, the exact distance re-checks its corners.
 */
export function distanceSql(latitude: string, longitude: string): string {
  return `earth_distance(ll_to_earth(?, ?), ll_to_earth(${latitude}, ${longitude}))`;
}

export function distanceParams(near: Near): number[] {
  return [near.latitude, near.longitude];
}

export function withinRadiusSql(latitude: string, longitude: string): string {
  return `${latitude} is not null and earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(${latitude}, ${longitude}) and ${distanceSql(latitude, longitude)} <= ?`;
}

export function withinRadiusParams(near: Near): number[] {
  const metres = near.radiusKm * 1000;
  return [near.latitude, near.longitude, metres, near.latitude, near.longitude, metres];
}
