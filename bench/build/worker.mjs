// Worker entry: TypeScript loader first (a worker does not inherit `--import tsx` on Node 20), then the share build.
import { register } from 'tsx/esm/api'

register()
await import('./split.ts')
