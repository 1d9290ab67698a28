/** A growable union-find forest over 0..n − 1 (path halving; the smaller root wins). */
export class UnionFind {
  parent = new Int32Array(1024);
  size = 0;

  /** Adds `n` singletons; returns the first new id. */
  add(n: number): number {
    const first = this.size;
    if (first + n > this.parent.length) {
      let cap = this.parent.length;
      while (cap < first + n) cap *= 2;
      const grown = new Int32Array(cap);
      grown.set(this.parent.subarray(0, first));
      this.parent = grown;
    }
    for (let i = first; i < first + n; i++) this.parent[i] = i;
    this.size += n;
    return first;
  }

  find(a: number): number {
    const p = this.parent;
    while (p[a] !== a) {
      p[a] = p[p[a]];
      a = p[a];
    }
    return a;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}
