/**
 * The global threshold methods, one list for every place that offers a choice (the threshold
 * viewer, the notebook bundles, nima.segment's subset): scikit-image's names.
 */
export const THRESHOLD_METHODS = ["yen", "li", "otsu"] as const;
export type ThresholdMethod = (typeof THRESHOLD_METHODS)[number];
