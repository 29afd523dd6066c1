import type { RegisterCommand } from '../index';
import { registerCode, registerVectors } from './code';
import { registerFind } from './find';
import { registerTimeline } from './timeline';
import { registerVerify } from './verify';

/** tokenkit code | verify | timeline | find | vectors: the OTP engine from the command line. */
export const register: RegisterCommand = (program, ctx) => {
  registerCode(program, ctx);
  registerVerify(program, ctx);
  registerTimeline(program, ctx);
  registerFind(program, ctx);
  registerVectors(program, ctx);
};
