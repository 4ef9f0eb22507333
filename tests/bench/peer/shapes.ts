import { fromGlobalId, toGlobalId } from '../../../src/graphql/global-id';

/**
 * The catalogue's three query shapes as the product's front ends send them, and the same
 * questions put to PostGraphile over the functions of postgraphile.sql. Each side also says which
 * ids its answer lists, in order, so both answers can be compared before anything is timed.
 */

export interface Side {
  query: string;
  /** Variables of each request, used in turn. */
  variables: Record<string, unknown>[];
  /** The ids an answer's `data` lists, in order, as "kind:uuid" (and its total count). */
  ids(data: unknown): string[];
  /** Sent as a signed-out persisted GET (which the product's response cache may answer) rather than a POST. */
  persistedGet?: boolean;
}

export interface Shape {
  name: string;
  product: Side;
  peer: Side;
}

export interface ShapeInputs {
  centres: { latitude: number; longitude: number }[];
  radiusKm: number;
  page: number;
  /** Uuids of institutions to look up one by one, in turn. */
  institutionIds: string[];
  search: string;
}

export const PRODUCT_NEARBY_QUERY = `query Nearby($near: NearInput!, $first: Int) {
  institutions(filter: { near: $near }, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      distanceKm
      node {
        id name kind kindLabel address
        unit { name }
        upcomingSessions(first: 3) { id startsAt endsAt place programme { id title topics } }
      }
    }
  }
}`;

const PEER_NEARBY_QUERY = `query Nearby($latitude: Float!, $longitude: Float!, $radiusKm: Float!, $first: Int) {
  institutionsNear(latitude: $latitude, longitude: $longitude, radiusKm: $radiusKm, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name kind address
        distanceKm(latitude: $latitude, longitude: $longitude)
        unit { name }
        upcomingSessions(first: 3) { nodes { id startsAt endsAt place programme { id title topics } } }
      }
    }
  }
}`;

const PRODUCT_INSTITUTION_QUERY = `query Institution($id: ID!) {
  node(id: $id) {
    ... on Institution {
      id name kind address openingHours phone
      unit { name }
      programmes(first: 10) { totalCount edges { node { id title kind topics feeVnd format } } }
    }
  }
}`;

/** The product lists an institution's published programmes newest first, ties by id. */
const PEER_INSTITUTION_QUERY = `query Institution($id: UUID!) {
  institution(id: $id) {
    id name kind address openingHours phone
    unit { name }
    programmes(first: 10, orderBy: [CREATED_AT_DESC, ID_DESC], condition: { status: "PUBLISHED" }) {
      totalCount edges { node { id title kind topics feeVnd format } }
    }
  }
}`;

const PRODUCT_SEARCH_QUERY = `query Search($search: String!, $first: Int) {
  institutions(filter: { search: $search }, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name kind address } }
  }
}`;

const PEER_SEARCH_QUERY = `query Search($search: String!, $first: Int) {
  searchInstitutions(search: $search, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name kind address } }
  }
}`;

interface Node {
  id: string;
}
interface Connection<T> {
  totalCount: number;
  edges: { node: T }[];
}

const uuidOf = (globalId: string): string => fromGlobalId(globalId).id;

export function catalogueShapes(inputs: ShapeInputs): Shape[] {
  const shapes = uncachedShapes(inputs);
  const lookup = shapes[1] as Shape;
  // The lookup again as a CDN-fronted front end sends it, which the product's response cache answers; the peer has no such cache.
  return [...shapes, { ...lookup, name: `${lookup.name}, product by persisted GET (response cache)`, product: { ...lookup.product, persistedGet: true } }];
}

function uncachedShapes(inputs: ShapeInputs): Shape[] {
  const { centres, radiusKm, page, institutionIds, search } = inputs;
  return [
    {
      name: `nearby institutions (${radiusKm} km) + next 3 sessions, ${page} per page`,
      product: {
        query: PRODUCT_NEARBY_QUERY,
        variables: centres.map((centre) => ({ near: { ...centre, radiusKm }, first: page })),
        ids: (data) => {
          const { institutions } = data as { institutions: Connection<Node & { upcomingSessions: Node[] }> };
          return [
            `total:${institutions.totalCount}`,
            ...institutions.edges.flatMap(({ node }) => [`institution:${uuidOf(node.id)}`, ...node.upcomingSessions.map((session) => `session:${uuidOf(session.id)}`)]),
          ];
        },
      },
      peer: {
        query: PEER_NEARBY_QUERY,
        variables: centres.map((centre) => ({ ...centre, radiusKm, first: page })),
        ids: (data) => {
          const { institutionsNear } = data as { institutionsNear: Connection<Node & { upcomingSessions: { nodes: Node[] } }> };
          return [
            `total:${institutionsNear.totalCount}`,
            ...institutionsNear.edges.flatMap(({ node }) => [`institution:${node.id}`, ...node.upcomingSessions.nodes.map((session) => `session:${session.id}`)]),
          ];
        },
      },
    },
    {
      name: 'one institution by id + its first 10 programmes',
      product: {
        query: PRODUCT_INSTITUTION_QUERY,
        variables: institutionIds.map((id) => ({ id: toGlobalId('Institution', id) })),
        ids: (data) => {
          const { node } = data as { node: Node & { programmes: Connection<Node> } };
          return [`institution:${uuidOf(node.id)}`, `total:${node.programmes.totalCount}`, ...node.programmes.edges.map((edge) => `programme:${uuidOf(edge.node.id)}`)];
        },
      },
      peer: {
        query: PEER_INSTITUTION_QUERY,
        variables: institutionIds.map((id) => ({ id })),
        ids: (data) => {
          const { institution } = data as { institution: Node & { programmes: Connection<Node> } };
          return [`institution:${institution.id}`, `total:${institution.programmes.totalCount}`, ...institution.programmes.edges.map((edge) => `programme:${edge.node.id}`)];
        },
      },
    },
    {
      name: `text search "${search}" over institutions, ${page} per page`,
      product: {
        query: PRODUCT_SEARCH_QUERY,
        variables: [{ search, first: page }],
        ids: (data) => {
          const { institutions } = data as { institutions: Connection<Node> };
          return [`total:${institutions.totalCount}`, ...institutions.edges.map((edge) => `institution:${uuidOf(edge.node.id)}`)];
        },
      },
      peer: {
        query: PEER_SEARCH_QUERY,
        variables: [{ search, first: page }],
        ids: (data) => {
          const { searchInstitutions } = data as { searchInstitutions: Connection<Node> };
          return [`total:${searchInstitutions.totalCount}`, ...searchInstitutions.edges.map((edge) => `institution:${edge.node.id}`)];
        },
      },
    },
  ];
}
