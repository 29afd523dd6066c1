import { type Lang, t } from '../../i18n/index';
import { getProfile } from '../../profiles/index';
import { csrfField } from '../forms';
import { html, type SafeHtml } from '../html';
import type { ClassroomBoard } from './board-room';

export interface PanelLearner {
  id: number;
  seat: string;
}

export const BOARDS_ASSIGN_PATH = '/trainer/boards/assign';
export const BOARDS_PORT_PATH = '/trainer/boards/port';
export const BOARDS_LIVE_PATH = '/trainer/boards';

function boardName(lang: Lang, board: ClassroomBoard): string {
  if (board.model) return board.model;
  return t(lang, board.transport === 'hid' ? 'boards.hid' : 'boards.simulated', { path: board.path });
}

function stateText(lang: Lang, board: ClassroomBoard, learners: readonly PanelLearner[]): string {
  if (board.state === 'assigned') {
    const seat = learners.find((l) => l.id === board.learnerId)?.seat ?? '?';
    return t(lang, 'boards.state.assigned', { seat });
  }
  return t(lang, `boards.state.${board.state}`);
}

/**
 * The trainer console's boards panel: every board in the room with its serial number, type and status,
 * and a form per ready board to hand it to a learner. Plain forms (CSRF field included): it works without
 * JavaScript, and the console's live updates reload it when a board comes or goes.
 */
export function renderBoardsPanel(o: {
  lang: Lang;
  boards: readonly ClassroomBoard[];
  learners: readonly PanelLearner[];
  csrfToken: string;
}): SafeHtml {
  const { lang, boards, learners } = o;
  const csrf = csrfField(o.csrfToken);
  const rows = boards.map((board) => {
    const serial = board.info?.serial ?? '';
    const kind = board.info ? getProfileName(lang, board.info.profileId) : '';
    const problem = board.problem ? t(lang, board.problem.key, board.problem.params) : '';
    const canAssign = board.state === 'ready' || board.state === 'assigned';
    const selectId = `board-learner-${board.id.replace(/[^A-Za-z0-9]/g, '-')}`;
    return html`<tr>
<th scope="row">${boardName(lang, board)}</th>
<td>${serial}</td>
<td>${kind}</td>
<td>${stateText(lang, board, learners)}${problem ? html`<br><span class="boards-problem">${problem}</span>` : ''}</td>
<td>${
      canAssign
        ? html`<form method="post" action="${BOARDS_ASSIGN_PATH}" class="boards-assign">${csrf}
<input type="hidden" name="board" value="${board.id}">
<label for="${selectId}" class="boards-label">${t(lang, 'boards.assignLabel', { serial })}</label>
<select id="${selectId}" name="learner">${
            learners.length === 0
              ? html`<option value="">${t(lang, 'boards.noLearners')}</option>`
              : learners.map(
                  (l) =>
                    html`<option value="${l.id}"${board.learnerId === l.id ? html` selected` : ''}>${l.seat}</option>`,
                )
          }</select>
<button type="submit">${t(lang, 'boards.assign')}</button>
</form>`
        : ''
    }</td>
</tr>`;
  });
  return html`
${
  boards.length === 0
    ? html`<p>${t(lang, 'boards.none')}</p>`
    : html`<div class="table-wrap"><table class="boards-table">
<thead><tr><th scope="col">${t(lang, 'boards.col.board')}</th><th scope="col">${t(lang, 'boards.col.serial')}</th><th scope="col">${t(lang, 'boards.col.kind')}</th><th scope="col">${t(lang, 'boards.col.state')}</th><th scope="col">${t(lang, 'boards.col.learner')}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`
}
<form method="post" action="${BOARDS_PORT_PATH}" class="boards-port">${csrf}
<label for="board-port">${t(lang, 'boards.addPort')}</label>
<span class="hint" id="board-port-hint">${t(lang, 'boards.addPortHint')}</span>
<input type="text" id="board-port" name="path" aria-describedby="board-port-hint" spellcheck="false" autocomplete="off" maxlength="256">
<button type="submit">${t(lang, 'boards.addPortButton')}</button>
</form>`;
}

/** The panel in its section: the heading stays, the content is refreshed live from BOARDS_LIVE_PATH. */
export function renderBoardsSection(lang: Lang, content: SafeHtml): SafeHtml {
  return html`<section class="boards-panel" id="boards" aria-labelledby="boards-heading">
<h2 id="boards-heading">${t(lang, 'boards.heading')}</h2>
<p>${t(lang, 'boards.intro')}</p>
<div id="boards-live" data-src="${BOARDS_LIVE_PATH}">${content}</div>
</section>`;
}

function getProfileName(lang: Lang, profileId: string): string {
  try {
    return getProfile(profileId).name[lang];
  } catch {
    return profileId;
  }
}
