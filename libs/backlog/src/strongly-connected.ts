interface Frame {
  node: string;
  next: number;
}

/** Tarjan's algorithm with an explicit work stack, so deep dependency chains never overflow the call stack. */
class Tarjan {
  readonly components: string[][] = [];
  private readonly index = new Map<string, number>();
  private readonly low = new Map<string, number>();
  private readonly onStack = new Set<string>();
  private readonly stack: string[] = [];
  private counter = 0;

  constructor(private readonly edges: (node: string) => readonly string[]) {}

  run(nodes: readonly string[]): this {
    for (const node of nodes) if (!this.index.has(node)) this.visit(node);
    return this;
  }

  private enter(node: string, work: Frame[]): void {
    this.index.set(node, this.counter);
    this.low.set(node, this.counter++);
    this.stack.push(node);
    this.onStack.add(node);
    work.push({ node, next: 0 });
  }

  private lower(node: string, value: number): void {
    this.low.set(node, Math.min(this.low.get(node) as number, value));
  }

  private visit(root: string): void {
    const work: Frame[] = [];
    this.enter(root, work);
    while (work.length > 0) {
      const frame = work[work.length - 1] as Frame;
      const targets = this.edges(frame.node);
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        if (!this.index.has(target)) this.enter(target, work);
        else if (this.onStack.has(target)) this.lower(frame.node, this.index.get(target) as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) this.lower(parent.node, this.low.get(frame.node) as number);
      if (this.low.get(frame.node) === this.index.get(frame.node)) this.emit(frame.node);
    }
  }

  private emit(root: string): void {
    const component: string[] = [];
    let member: string;
    do {
      member = this.stack.pop() as string;
      this.onStack.delete(member);
      component.push(member);
    } while (member !== root);
    this.components.push(component);
  }
}

/**
 * Strongly connected components of a directed graph. Components come out dependencies-first: each is
 * emitted after every component it reaches. Edges to nodes outside `nodes` must not be given.
 */
export const stronglyConnected = (nodes: readonly string[], edges: (node: string) => readonly string[]): string[][] =>
  new Tarjan(edges).run(nodes).components;
