// The part of unzipper's API that the xlsx reader uses (the package ships no type declarations).
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  export interface CentralDirectoryEntry {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    stream(): Readable;
  }

  export interface CentralDirectory {
    files: CentralDirectoryEntry[];
  }

  const unzipper: {
    Open: { file(path: string): Promise<CentralDirectory> };
  };
  export default unzipper;
}
