import { MemoryFS, type PGlite } from '@electric-sql/pglite';
import type { PGliteOptions } from '@electric-sql/pglite';
import { extract } from 'tar-stream';

/** Where PGlite keeps its cluster inside the WASM file system. */
const PGDATA = '/pglite/data';

type PostgresMod = Parameters<MemoryFS['init']>[1];
/** The two calls of Emscripten's FS used here (PGlite's types name it from typings not installed). */
type WasmFs = { mkdirTree(path: string, mode?: number): void; writeFile(path: string, data: Uint8Array): void };

/** A data directory read into memory: its directories and files, as `dumpDataDir` packed them. */
export interface DataDirImage {
  dirs: { path: string; mode: number }[];
  files: { path: string; data: Uint8Array }[];
}

/** Unpacks a `dumpDataDir` tarball once, so that every database started from it skips the unpacking. */
export async function dataDirImage(tarball: Buffer): Promise<DataDirImage> {
  const image: DataDirImage = { dirs: [], files: [] };
  const from = extract();
  from.on('entry', (header, body, next) => {
    const path = `/${header.name.replace(/^\/+/, '').replace(/\/+$/, '')}`;
    if (header.type === 'directory') {
      image.dirs.push({ path, mode: header.mode ?? 0o750 });
      body.on('end', next).resume();
      return;
    }
    const chunks: Buffer[] = [];
    body.on('data', (c) => chunks.push(c as Buffer));
    body.on('end', () => {
      image.files.push({ path, data: new Uint8Array(Buffer.concat(chunks)) });
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    from.on('finish', resolve);
    from.on('error', reject);
  });
  from.end(tarball);
  await done;
  return image;
}

/**
 * PGlite's in-memory file system, holding the image before PostgreSQL starts: PGlite then finds a
 * cluster and resumes it. The same end as `loadDataDir`, which parses the tarball again at every
 * start (3–4 s of CPU for the demo, over a hundred starts a test run); writing the unpacked files
 * costs a copy of their bytes.
 */
class PreloadedMemoryFS extends MemoryFS {
  constructor(private readonly image: DataDirImage) {
    super();
  }

  override async init(pg: PGlite, opts: Partial<PostgresMod>): Promise<{ emscriptenOpts: Partial<PostgresMod> }> {
    const { emscriptenOpts } = await super.init(pg, opts);
    const load = (mod: PostgresMod) => {
      const fs = mod.FS as unknown as WasmFs;
      fs.mkdirTree(PGDATA, 0o700);
      for (const d of this.image.dirs) fs.mkdirTree(PGDATA + d.path, d.mode & 0o777);
      for (const f of this.image.files) fs.writeFile(PGDATA + f.path, f.data);
    };
    return {
      emscriptenOpts: {
        ...emscriptenOpts,
        preRun: [...(emscriptenOpts.preRun ?? []), load],
      },
    };
  }
}

/** The `fs` option of a PGlite that starts from the image. */
export function preloadedFs(image: DataDirImage): NonNullable<PGliteOptions['fs']> {
  return new PreloadedMemoryFS(image);
}
