/** nima's `generat`: seeded synthetic bias, flat, objects, frames and time-lapse stacks. */
export {
  type GenFrameOptions,
  type GenObjectOptions,
  type GenPlane,
  genBias,
  genFlat,
  genFrame,
  genObject,
  genObjs,
  type ImageObjsParams,
} from "./frames.js";
export { type StitchedPlane, type StitchedPlaneOptions, stitchedPlane } from "./plane.js";
export { Rng } from "./rng.js";
export {
  type CellSpec,
  type DumbbellCell,
  type EllipseCell,
  type GeneratedStack,
  genStack,
  type SkySpec,
  type StackOptions,
} from "./stack.js";
