import { Field, Float, InputType } from 'type-graphql';
import { IsPositive, Max, Min } from 'class-validator';

export const MAX_RADIUS_KM = 100;

@InputType({ description: 'A circle on the map: results are within it, nearest first, with their distance.' })
export class NearInput {
  @Field(() => Float, { description: 'Latitude of the centre, in degrees (WGS 84).' })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float, { description: 'Longitude of the centre, in degrees (WGS 84).' })
  @Min(-180)
  @Max(180)
  longitude!: number;

  @Field(() => Float, { description: `Radius in kilometres, more than 0 and at most ${MAX_RADIUS_KM}.` })
  @IsPositive({ message: 'radiusKm must be more than 0' })
  @Max(MAX_RADIUS_KM, { message: `radiusKm must be at most ${MAX_RADIUS_KM}` })
  radiusKm!: number;
}

export interface Near {
  latitude: number;
  longitude: number;
  radiusKm: number;
}
