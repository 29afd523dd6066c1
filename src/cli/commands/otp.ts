import type { RegisterCommand } from './index';

export const register: RegisterCommand = () => {};
