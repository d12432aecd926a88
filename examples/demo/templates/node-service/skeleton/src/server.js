import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? '${{ values.port }}');

export const server = createServer((request, response) => {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', service: '${{ values.name }}' }));
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: 'not found' }));
});

if (process.argv[1] === new URL(import.meta.url).pathname) {
  server.listen(port, () => console.log('${{ values.name }} listening on http://localhost:' + port));
}
