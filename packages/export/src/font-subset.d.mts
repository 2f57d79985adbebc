/** `fontFiles` cut down to (at least) what `svg` draws, as files resvg can load, valid until the thread's next call. */
export function fontFilesFor(svg: string, fontFiles: string[]): Promise<string[]>;
