import { PackSchema, type Pack } from '../schema/pack';
import demoPackJson from './demo-pack.json';

export const DEMO_PACK_ID = 'crosscheck-demo';
export const DEMO_PACK_VERSION: number = demoPackJson.version;

/** The built-in pack made from the two seed articles; validated like any other pack. */
export function demoPack(): Pack {
  return PackSchema.parse(demoPackJson);
}
