/** `fontFiles` cut down to what `svg` draws, as files resvg can load (they live as long as the thread). */
export function fontFilesFor(svg: string, fontFiles: string[]): Promise<string[]>;
