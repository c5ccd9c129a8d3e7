import { AsOfShown, asOfBanner, asOfProblem, inputFromMoment, momentFromInput, momentOf, urlWithMoment } from './as-of';
import { fill } from './dom';

export interface AsOfControl {
  /** The moment the page shows (null: live). */
  moment(): string | null;
  /** Names in the banner the position and time an as-of answer stands at. */
  shown(asOf: AsOfShown): void;
  /** Says in the banner that the API refused the moment, naming the forms it accepts. */
  refused(): void;
  /** Puts the URL's moment (after back / forward) into the control and the banner. */
  sync(): void;
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * The header's as-of control: it keeps the moment in the page URL (`?asOf=`, so a copied URL
 * opens at it) and calls `onChange` when the user sets or clears it.
 */
export const asOfControl = (onChange: (moment: string | null) => void): AsOfControl => {
  const kind = element<HTMLSelectElement>('as-of-kind');
  const time = element<HTMLInputElement>('as-of-time');
  const position = element<HTMLInputElement>('as-of-position');
  const now = element<HTMLButtonElement>('as-of-now');
  const banner = element('as-of-banner');
  const moment = () => momentOf(location.href);
  const showKind = () => {
    element('as-of-time-label').hidden = kind.value !== 'time';
    element('as-of-position-label').hidden = kind.value !== 'position';
  };
  const say = (text: string, problem: boolean) => {
    banner.hidden = false;
    banner.classList.toggle('problem', problem);
    fill(banner, `${problem ? '⚠' : '⏸'} ${text}`);
  };
  const sync = () => {
    const current = moment();
    now.disabled = current === null;
    banner.removeAttribute('data-position');
    if (current === null) {
      banner.hidden = true;
      fill(banner);
      return;
    }
    const input = inputFromMoment(current);
    kind.value = input.kind;
    (input.kind === 'time' ? time : position).value = input.value;
    showKind();
    say(`As of “${current}”: reading…`, false);
  };
  const go = (next: string | null) => {
    if (next === moment()) return;
    history.pushState(null, '', urlWithMoment(location.href, next));
    sync();
    onChange(next);
  };
  kind.addEventListener('change', showKind);
  element('as-of-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const next = momentFromInput({
      kind: kind.value === 'position' ? 'position' : 'time',
      value: kind.value === 'position' ? position.value : time.value,
    });
    if (next !== null) go(next);
  });
  now.addEventListener('click', () => go(null));
  sync();
  return {
    moment,
    sync,
    shown: (asOf) => {
      if (moment() === null) return;
      banner.setAttribute('data-position', asOf.position ?? 'none');
      say(asOfBanner(asOf), false);
    },
    refused: () => {
      const current = moment();
      if (current !== null) say(asOfProblem(current), true);
    },
  };
};
