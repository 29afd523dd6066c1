import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenkitError } from '../../errors';
import { t } from '../../i18n/index';
import type { PracticeContext, PracticePlugin } from '../context';
import { html } from '../html';
import type { PracticeTokenKind } from '../practice-db';
import { isPracticeTokenKind } from '../tokens';
import { BoardRoom, type BoardRoomOptions } from './board-room';
import {
  BOARDS_ASSIGN_PATH,
  BOARDS_LIVE_PATH,
  BOARDS_PORT_PATH,
  type PanelLearner,
  renderBoardsPanel,
  renderBoardsSection,
} from './panel';

export interface BoardsPluginOptions extends BoardRoomOptions {
  /** The class's learners for the hand-out form (default: the practice tables' learner list). */
  learners?: (ctx: PracticeContext) => PanelLearner[];
  /** Told when the room exists (tests reach the room through it). */
  onRoom?: (room: BoardRoom) => void;
}

/** The class's learners by seat name (a learner without one by user ID). */
function defaultLearners(ctx: PracticeContext): PanelLearner[] {
  return ctx.db.listLearners().map((l) => ({ id: l.id, seat: l.seat || l.userId }));
}

/**
 * Boards in the classroom, as a part of the practice site: the trainer console's boards panel and its two
 * forms. Handing a board to a learner makes a new practice token with the board's own serial number (the
 * site's PracticeTokens: a store row with a fresh secret and the class's code period), writes that key to
 * the board, and the learner activates and logs in with the codes the board shows. The secret goes from
 * the server to the board and the store only.
 */
export function createBoardsPlugin(o: BoardsPluginOptions = {}): PracticePlugin {
  return async (app, { ctx }) => {
    const room = new BoardRoom({ clock: ctx.clock, ...o });
    o.onRoom?.(room);
    const learners = () => (o.learners ?? defaultLearners)(ctx);
    // Discovery polls (udev, hidapi) only once a trainer has looked at the console: a site nobody
    // teaches with, and every test server, costs nothing.
    app.addHook('onClose', async () => room.stop());
    // The class log keeps what a trainer wants to know, and each entry makes the console refresh live.
    room.onChange((board, change) => {
      const serial = board.info?.serial ?? board.path;
      if (change === 'removed') ctx.events.record('boardRemoved', null, { serial });
      else if (board.state === 'ready' && !board.problem) ctx.events.record('boardReady', null, { serial });
      else if (board.state === 'unusable') ctx.events.record('boardUnusable', null, { port: board.path });
      else if (board.state === 'assigned') ctx.events.record('boardAssigned', board.learnerId ?? null, { serial });
    });
    const panel = (request: FastifyRequest, reply: FastifyReply) =>
      renderBoardsPanel({
        lang: request.lang,
        boards: room.list(),
        learners: learners(),
        csrfToken: ctx.csrfToken(request, reply),
      });

    ctx.addConsolePanel((request, reply) => {
      room.start();
      return renderBoardsSection(request.lang, panel(request, reply));
    });

    const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, text: string) =>
      ctx.sendPage(
        request,
        reply,
        {
          title: t(request.lang, 'boards.heading'),
          body: html`<p role="alert">${text}</p><p><a href="/trainer#boards">${t(request.lang, 'boards.heading')}</a></p>`,
          current: 'trainer',
        },
        status,
      );
    const guard = { preHandler: ctx.requireTrainer };

    // The panel's content alone, for the console's live refresh (its data-src).
    app.get(BOARDS_LIVE_PATH, guard, async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(panel(request, reply).value),
    );

    app.post(BOARDS_ASSIGN_PATH, guard, async (request, reply) => {
      const body = (request.body ?? {}) as { board?: unknown; learner?: unknown };
      const lang = request.lang;
      const learnerId = typeof body.learner === 'string' && /^\d{1,9}$/.test(body.learner) ? Number(body.learner) : NaN;
      if (typeof body.board !== 'string') return refuse(request, reply, 400, t(lang, 'boards.error.unknown'));
      if (!learners().some((l) => l.id === learnerId))
        return refuse(request, reply, 400, t(lang, 'boards.error.noLearner'));
      try {
        await room.assign(
          body.board,
          learnerId,
          (info) => {
            // A board handed out again gets a new key: the old one's row goes (the board forgets it too).
            if (ctx.tokens.get(info.serial)) ctx.tokens.remove(info.serial);
            const kind: PracticeTokenKind = isPracticeTokenKind(info.profileId) ? info.profileId : 'code-display';
            const created = ctx.tokens.create({ kind, source: 'board', serial: info.serial });
            return { secret: created.secret, digits: created.digits, periodSec: created.periodSec };
          },
          (info) => void ctx.tokens.remove(info.serial),
        );
      } catch (error) {
        const text =
          error instanceof TokenkitError ? error.localized(lang) : t(lang, 'boards.problem.other', { detail: '' });
        return refuse(request, reply, 409, text);
      }
      return reply.redirect('/trainer#boards', 303);
    });

    app.post(BOARDS_PORT_PATH, guard, async (request, reply) => {
      const path = (request.body as { path?: unknown } | undefined)?.path;
      try {
        room.addSerialPath(typeof path === 'string' ? path.trim() : '');
      } catch (error) {
        if (error instanceof TokenkitError) return refuse(request, reply, 400, error.localized(request.lang));
        throw error;
      }
      room.start();
      await room.refresh();
      return reply.redirect('/trainer#boards', 303);
    });
  };
}

/** Boards from discovery (USB serial and HID, `tokenkit sim --hid`): what `tokenkit practice` serves. */
export const boardsPlugin: PracticePlugin = createBoardsPlugin();
