// A seeded pseudo-random generator for the sampling the engine does (random pairs for u, capped
// training blocks). Pure code never calls Math.random: the caller passes a generator, usually
// `seededRandom(seed)`, so training is reproducible.

/** Returns floats in [0, 1), like Math.random. */
export type Random = () => number;

/** mulberry32: tiny, fast, good enough for sampling (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}
