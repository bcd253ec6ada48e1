export * from './errors';
export * from './model/index';
export * from './calendar/index';
export * from './playbook/index';
export * from './plays/index';
export * from './engine/index';
export * from './store/index';
