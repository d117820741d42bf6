// **inject-enospc** — preloaded into an `xckg` child (node --import) to simulate a full disk: in the main thread,
// every write to a file descriptor other than stdin/stdout/stderr fails with ENOSPC once XCKG_DISK_BYTES bytes
// have been written (default 0: the first write fails). Worker threads write normally.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  let left = Number(process.env.XCKG_DISK_BYTES ?? 0);
  const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  const writeSync = fs.writeSync;
  fs.writeSync = function (fd, buffer, ...rest) {
    if (fd > 2) {
      const n = typeof buffer === 'string' ? Buffer.byteLength(buffer) : buffer.byteLength;
      if (n > left) throw full();
      left -= n;
    }
    return writeSync.call(this, fd, buffer, ...rest);
  };
  const writeFileSync = fs.writeFileSync;
  fs.writeFileSync = function (file, data, ...rest) {
    if (typeof file !== 'number' || file > 2) {
      const n = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      if (n > left) throw full();
      left -= n;
    }
    return writeFileSync.call(this, file, data, ...rest);
  };
  // ES module imports of node:fs (`import { writeSync } from 'node:fs'`) see the patched functions only after this.
  syncBuiltinESMExports();
}
