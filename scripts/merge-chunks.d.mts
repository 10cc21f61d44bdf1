export interface MergeChunksOptions {
  readonly dir: string;
  readonly entries: Readonly<Record<string, string>>;
  readonly groups: readonly { readonly name: string; readonly from: (file: string) => boolean }[];
  readonly isolate?: readonly string[];
}

export function mergeChunks(options: MergeChunksOptions): Promise<void>;
