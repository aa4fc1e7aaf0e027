// Property tests explore a fixed sequence of inputs in CI, so a run is reproducible; set FC_SEED to
// another number (or "random") to explore further by hand.
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed ? Number(seed) : 20261128 });
