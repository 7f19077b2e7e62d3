// The ceiling: a bare node:http server that reads and parses the body, and answers 202. Nothing stored.
import http from 'node:http'

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'))
      res.writeHead(202, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      res.end('{"ok":true}')
    } catch {
      res.writeHead(400)
      res.end()
    }
  })
})
server.keepAliveTimeout = 65_000
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(`listening ${process.env.PORT}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
