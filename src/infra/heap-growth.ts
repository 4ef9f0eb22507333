import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection, in
 * percent (V8 otherwise picks 10–300% itself, from how fast the program allocates).
 */
const HEAP_GROWING_PERCENT = 200;

/**
 * For a process that moves media through memory: each image or download passes tens of
 * megabytes of buffers (socket chunks, decoded pixels, encoded thumbnails) that live outside
 * V8's heap but count toward its collection limits. A worker allocates few long-lived objects,
 * so after its first full collection V8 sets the next limit only ~8 MB above the live heap, and
 * those buffers then trigger a full collection every image or two: measured on the image bench,
 * 40 full collections per 100 images, ~10% of the worker's CPU. With room to grow, the full
 * collections come from the buffers' own limit (64 MB), a few per hundred images.
 *
 * Set at run time because Node accepts V8 flags in NODE_OPTIONS only from an allow-list, which
 * does not have this one; V8 reads it each time it sets a limit, so setting it late is safe.
 */
export function growHeapForMediaBuffers(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
