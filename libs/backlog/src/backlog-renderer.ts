import type { JsonValue, ParsedTask } from './backlog.types';
import { commentValue, escapeCell, looseObject, wrapLine } from './markdown-writing';

export type RenderableTask = Omit<ParsedTask, 'source'>;

export type RenderColumn =
  | 'id'
  | 'title'
  | 'priority'
  | 'points'
  | 'status'
  | 'description'
  | 'techFootprint'
  | 'dependencies'
  | 'completionDate';

export type DependencyStyle = 'id' | 'id-title' | 'title';

export interface RenderOptions {
  /** Table columns in order; must include `id`. Fields without a column are written as comments. Default: the eight standard columns. */
  columns?: readonly RenderColumn[];
  /** Write rows without a header line (read back in the standard column order; `columns` is then ignored). Default false. */
  headerless?: boolean;
  /** Wrap rows and comments longer than this, like a formatter. Default: no wrapping. */
  wrapWidth?: number | null;
  /** Ids of tasks written as `### **ID: Title**` sections instead of rows. Default: none. */
  sectionIds?: readonly string[];
  /** How a resolved dependency is written: `B-060`, `B-060 Title` or `Title`. Default `id`. */
  dependencyStyle?: DependencyStyle | ((taskId: string, dependencyId: string) => DependencyStyle);
  /** Write the score comment over two lines. Default false. */
  splitScore?: boolean;
  /** The `#` title line; null writes none (for concatenating renders). Default `Backlog`. */
  documentTitle?: string | null;
  /** Heading above each table. Default `Live Backlog`. */
  tableHeading?: string;
}

const SEED_COLUMNS: readonly RenderColumn[] = [
  'id',
  'title',
  'priority',
  'points',
  'status',
  'description',
  'techFootprint',
  'dependencies',
];

const HEADERS: Readonly<Record<RenderColumn, string>> = {
  id: 'ID',
  title: 'Title',
  priority: '🔥P',
  points: '🎯Points',
  status: 'Status',
  description: 'Problem/Outcome',
  techFootprint: 'Tech Footprint',
  dependencies: 'Dependencies',
  completionDate: 'Completion Date',
};

const COMMENT_KEYS: Readonly<Record<RenderColumn, string>> = {
  id: 'id',
  title: 'title',
  priority: 'priority',
  points: 'points',
  status: 'status',
  description: 'description',
  techFootprint: 'tech_footprint',
  dependencies: 'dependencies',
  completionDate: 'completion_date',
};

/** Renders tasks as a backlog the parser reads back to the same tasks (used by property tests). */
class Renderer {
  private readonly byId: Map<string, RenderableTask>;
  private readonly columns: readonly RenderColumn[];
  private readonly wrap: number | null;

  constructor(
    tasks: readonly RenderableTask[],
    private readonly options: RenderOptions,
  ) {
    this.byId = new Map(tasks.map((task) => [task.id, task] as const));
    this.columns = options.headerless ? SEED_COLUMNS : (options.columns ?? SEED_COLUMNS);
    this.wrap = options.wrapWidth ?? null;
  }

  dependencies(task: RenderableTask): string {
    const written = task.dependencies.map((id) => {
      const dep = this.byId.get(id);
      const style =
        typeof this.options.dependencyStyle === 'function'
          ? this.options.dependencyStyle(task.id, id)
          : (this.options.dependencyStyle ?? 'id');
      if (dep === undefined || style === 'id') return dep?.rawId ?? id;
      return style === 'title' ? dep.title : `${dep.rawId} ${dep.title}`;
    });
    const all = [...written, ...task.unresolvedDependencies];
    return all.length === 0 ? 'None' : all.join(', ');
  }

  cell(task: RenderableTask, column: RenderColumn): string {
    switch (column) {
      case 'id':
        return task.rawId;
      case 'title':
        return task.title;
      case 'priority':
        return task.priorityIcon ?? '';
      case 'points':
        return task.points === null ? '' : String(task.points);
      case 'status':
        return task.backlogStatusRaw ?? '';
      case 'description':
        return task.description ?? '';
      case 'techFootprint':
        return task.techFootprint ?? '';
      case 'dependencies':
        return this.dependencies(task);
      case 'completionDate':
        return task.completionDate ?? '';
    }
  }

  header(): string[] {
    if (this.options.headerless) return [];
    return [
      `| ${this.columns.map((column) => HEADERS[column]).join(' | ')} |`,
      `|${this.columns.map(() => '---').join('|')}|`,
    ];
  }

  row(task: RenderableTask): string {
    const cells = this.columns.map((column) => escapeCell(this.cell(task, column)));
    const line = `| ${cells.join(' | ')} |`;
    const idEnd = `| ${cells.slice(0, this.columns.indexOf('id') + 1).join(' | ')} |`.length;
    return wrapLine(line, this.wrap, idEnd);
  }

  comment(key: string, value: JsonValue): string {
    const line = `<!-- ${key}: ${commentValue(value)} -->`;
    return wrapLine(line, this.wrap, key.length + 6);
  }

  comments(task: RenderableTask, fieldsAsComments: readonly RenderColumn[]): string[] {
    const lines = fieldsAsComments
      .filter((column) => column !== 'id' && this.cell(task, column) !== '')
      .map((column) => this.comment(COMMENT_KEYS[column], this.cell(task, column)));
    if (task.score !== null) {
      const score = looseObject(task.score);
      const split = this.options.splitScore ? score.replace(/, (?=[A-Za-z_])/, ',\n') : score;
      lines.push(`<!--score: ${split}-->`);
    }
    if (task.scoreTotal !== null) lines.push(`<!--score_total: ${task.scoreTotal}-->`);
    if (task.humanRequired) lines.push('<!-- human_required: true -->');
    if (task.humanReason !== null) lines.push(this.comment('reason', task.humanReason));
    if (task.defaultExecutor !== null) lines.push(this.comment('default_executor', task.defaultExecutor));
    if (task.runCommand !== null) lines.push(this.comment('run', task.runCommand));
    if (task.estHours !== null) lines.push(`<!-- est_hours: ${task.estHours} -->`);
    for (const [key, value] of Object.entries(task.meta)) lines.push(this.comment(key, value));
    return lines;
  }

  section(task: RenderableTask): string[] {
    const fields: Array<[string, RenderColumn]> = [
      ['Priority', 'priority'],
      ['Points', 'points'],
      ['Status', 'status'],
      ['Dependencies', 'dependencies'],
      ['Description', 'description'],
      ['Tech Footprint', 'techFootprint'],
      ['Completion Date', 'completionDate'],
    ];
    const bullets = fields
      .filter(([, column]) => this.cell(task, column) !== '')
      .map(([label, column]) => `- **${label}**: ${this.cell(task, column)}`);
    return [`### **${task.rawId}: ${task.title}**`, ...bullets, ...this.comments(task, [])];
  }

  render(tasks: readonly RenderableTask[]): string {
    const sections = new Set(this.options.sectionIds ?? []);
    const asComments = SEED_COLUMNS.concat('completionDate').filter((column) => !this.columns.includes(column));
    const title = this.options.documentTitle === undefined ? 'Backlog' : this.options.documentTitle;
    const out: string[] = title === null ? [] : [`# ${title}`, ''];
    let inTable = false;
    tasks.forEach((task, i) => {
      if (sections.has(task.id)) {
        out.push('', ...this.section(task), '');
        inTable = false;
        return;
      }
      if (!inTable) out.push(`## ${this.options.tableHeading ?? 'Live Backlog'} ${i + 1}`, '', ...this.header());
      inTable = true;
      out.push(this.row(task), ...this.comments(task, asComments));
    });
    return `${out.join('\n')}\n`;
  }
}

/** Renders tasks as a markdown backlog: table rows (or sections), comment metadata, optional wrapping. */
export const renderBacklog = (tasks: readonly RenderableTask[], options: RenderOptions = {}): string =>
  new Renderer(tasks, options).render(tasks);
