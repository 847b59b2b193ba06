/**
 * History ⇄ proto JSON (the format of `temporal workflow show --output json`).
 *
 * Uses the SDK's `historyToJSON` / `historyFromJSON` from @temporalio/common.
 * In this install they throw "type must be a Type": npm could not hoist
 * protobufjs 8 (grpc-js's proto-loader holds protobufjs 7 at the root), so
 * @temporalio/common and @temporalio/proto each got their own copy, and the
 * `instanceof Type` check in common's protojson fails on proto's types
 * (`npm ls protobufjs`). The fallback does the same conversion with the
 * protobufjs copy that @temporalio/proto's types belong to.
 */
import { createRequire } from 'node:module';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import * as sdk from '@temporalio/common/lib/proto-utils';

export type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

function fallback(): { protojson: ProtoJson; historyType: unknown } {
  const protojson = createRequire(require.resolve('@temporalio/proto'))('protobufjs/ext/protojson') as ProtoJson;
  const root = patchProtobufRoot(proto as unknown as Record<string, unknown>) as unknown as { lookupType(name: string): unknown };
  return { protojson, historyType: root.lookupType('temporal.api.history.v1.History') };
}

const isSplitProtobufjs = (err: unknown) => err instanceof TypeError && /must be a Type/.test(err.message);

export function historyToJSON(history: History): string {
  try {
    return sdk.historyToJSON(history);
  } catch (err) {
    if (!isSplitProtobufjs(err)) throw err;
    const { protojson, historyType } = fallback();
    return JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2);
  }
}

export function historyFromJSON(json: unknown): History {
  try {
    return sdk.historyFromJSON(json);
  } catch (err) {
    if (!isSplitProtobufjs(err)) throw err;
    const { protojson, historyType } = fallback();
    const loaded = protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
    if (!loaded) throw new TypeError('invalid history JSON');
    return loaded as History;
  }
}
