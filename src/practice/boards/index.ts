// Boards in the classroom: hot-plugged serial and HID boards (real, simulated, emulated) on the trainer
// console, provisioned when handed to a learner.

export {
  type BoardKey,
  BoardRoom,
  BoardRoomError,
  type BoardRoomOptions,
  type BoardState,
  type ClassroomBoard,
} from './board-room';
export { BOARD_MESSAGES } from './messages';
export {
  BOARDS_ASSIGN_PATH,
  BOARDS_LIVE_PATH,
  BOARDS_PORT_PATH,
  type PanelLearner,
  renderBoardsPanel,
  renderBoardsSection,
} from './panel';
export { type BoardsPluginOptions, boardsPlugin, createBoardsPlugin } from './plugin';
