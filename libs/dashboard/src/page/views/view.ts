import { Api } from '../api';

/** A mounted view: `refresh` re-reads its data (the live stream calls it) and keeps the user's place. */
export interface View {
  refresh(): Promise<void>;
  /** Stops the view's own timers when another view replaces it. */
  dispose?(): void;
}

export type ViewFactory = (root: HTMLElement, api: Api) => View;
