const unmapped = (address: string): string => address.replace(/^::ffff:/, '')

/**
 * The visitor's address behind `trustedHops` proxies, counted the way
 * Express's `trust proxy = n` and proxy-addr count: each proxy appends the
 * address it was reached from to X-Forwarded-For, so the last n addresses
 * (the socket's first) are proxies we run, and the one before them is the
 * client. Whatever the client wrote further left is never used: it cannot
 * pick its own address to dodge the rate limit.
 */
export const clientAddress = ({
  socketAddress,
  forwardedFor,
  trustedHops,
}: {
  socketAddress: string | undefined
  forwardedFor: string | string[] | undefined
  trustedHops: number
}): string => {
  const socket = unmapped(socketAddress ?? '')
  if (trustedHops <= 0) return socket
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  // nearest first: the socket (our nearest proxy), then X-Forwarded-For from the right
  const nearestFirst = [socket, ...chain.reverse()]
  return unmapped(nearestFirst[Math.min(trustedHops, nearestFirst.length - 1)]!).slice(0, 64)
}
