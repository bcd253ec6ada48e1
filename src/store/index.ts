/**
 * The storage port (`ReferwellStore`), the driver contract adapters implement
 * (`StorageDriver`, `createStore`), and the desk (`createDesk`).
 *
 * @module
 */
export * from './desk';
export * from './driver';
export * from './store';
export * from './tables';
