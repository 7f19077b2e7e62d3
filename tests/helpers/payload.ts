import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

let instance: Promise<Payload> | undefined

/** One Payload per test file, on the database chosen by DATABASE_URL (PostgreSQL) or SQLITE_PATH. */
export const getTestPayload = (): Promise<Payload> => {
  instance ??= getPayload({ config })
  return instance
}
