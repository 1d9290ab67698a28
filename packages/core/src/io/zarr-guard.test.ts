import { describe, expect, it } from "vitest";
import { checkStoreKey, guardStore } from "./zarr-guard.js";
import { createZarrWriter } from "./zarr-writer.js";

describe("store keys", () => {
  it.each([
    "/../secret/zarr.json",
    "/a/../../b",
    "/0/..%2F/x/../../y",
    "relative/zarr.json",
    "/a\\..\\b",
    "/a/\0/b",
  ])("refuses %j", (key) => {
    expect(() => checkStoreKey("<store>", key)).toThrow(/would leave the store/);
  });

  it.each(["/zarr.json", "/0/c/0/0/0", "/a.b/.zattrs", "/0/1.2.3"])("accepts %j", (key) => {
    expect(() => checkStoreKey("<store>", key)).not.toThrow();
  });

  it("checks every key a guarded store reads or writes", async () => {
    const store = guardStore(new Map<string, Uint8Array>(), "<map>");
    await expect(async () => store.get("/../x")).rejects.toThrow(/<map>: key "\/..\/x"/);
    expect(() => store.set("/a/../../x", new Uint8Array(1))).toThrow(/would leave the store/);
  });

  it("lets the zarr writer write only keys inside its store", async () => {
    const keys: string[] = [];
    const store = new Map<string, Uint8Array>();
    const spy = new Proxy(store, {
      get(target, property) {
        if (property === "set") {
          return (key: string, value: Uint8Array) => {
            keys.push(key);
            return target.set(key, value);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const writer = await createZarrWriter(spy, {
      shape: [1, 2, 2],
      dims: ["T", "Y", "X"],
      dtype: "uint8",
    });
    await writer.writeBlock([0, 0, 0], {
      data: Uint8Array.of(1, 2, 3, 4),
      shape: [1, 2, 2],
      dtype: "uint8",
    });
    await writer.close();
    expect(keys.length).toBeGreaterThan(1);
    for (const key of keys) expect(() => checkStoreKey("<store>", key)).not.toThrow();
  });
});
