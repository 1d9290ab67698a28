/** Small DOM builders for the views' controls (plain elements, styled by styles.ts). */

export function element<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface Slider {
  root: HTMLLabelElement;
  input: HTMLInputElement;
  /** Shows `value` (and its label) without firing input events. */
  show(value: number, text?: string): void;
}

/** A labelled range input; the arrow keys, Home/End and PageUp/Down work natively. */
export function slider(
  document: Document,
  name: string,
  { min, max, step = 1, value }: { min: number; max: number; step?: number; value: number },
): Slider {
  const root = element(document, "label", "nima-slider");
  const title = element(document, "span", "nima-slider-name", name);
  const input = element(document, "input");
  input.type = "range";
  input.min = String(min);
  input.max = String(max);
  input.step = String(step);
  input.value = String(value);
  input.setAttribute("aria-label", name);
  input.dataset.dim = name;
  const readout = element(document, "span", "nima-slider-value");
  root.append(title, input, readout);
  const show = (v: number, text?: string) => {
    input.value = String(v);
    readout.textContent = text ?? String(v);
  };
  show(value);
  return { root, input, show };
}

export function select<T extends string>(
  document: Document,
  name: string,
  options: readonly T[],
  value: T,
): { root: HTMLLabelElement; input: HTMLSelectElement } {
  const root = element(document, "label", "nima-field");
  root.append(element(document, "span", "nima-field-name", name));
  const input = element(document, "select");
  input.setAttribute("aria-label", name);
  for (const option of options) input.append(new Option(option, option, false, option === value));
  root.append(input);
  return { root, input };
}

export function numberInput(
  document: Document,
  name: string,
  value: number,
): { root: HTMLLabelElement; input: HTMLInputElement } {
  const root = element(document, "label", "nima-field");
  root.append(element(document, "span", "nima-field-name", name));
  const input = element(document, "input", "nima-number");
  input.type = "number";
  input.step = "any";
  input.value = String(value);
  input.setAttribute("aria-label", name);
  root.append(input);
  return { root, input };
}

export function checkbox(
  document: Document,
  name: string,
  checked: boolean,
): { root: HTMLLabelElement; input: HTMLInputElement } {
  const root = element(document, "label", "nima-field");
  const input = element(document, "input");
  input.type = "checkbox";
  input.checked = checked;
  input.setAttribute("aria-label", name);
  root.append(input, element(document, "span", "nima-field-name", name));
  return { root, input };
}

export { formatValue } from "../format.js";
