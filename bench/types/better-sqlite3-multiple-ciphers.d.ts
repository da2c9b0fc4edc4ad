// The package ships index.d.ts but its "exports" map hides it from moduleResolution "Bundler".
// Its API is better-sqlite3's (it is a fork with SQLite3 Multiple Ciphers compiled in), so the
// bench types it as that.
declare module 'better-sqlite3-multiple-ciphers' {
  import type BetterSqlite3 from 'better-sqlite3';
  const Database: typeof BetterSqlite3;
  export default Database;
}
