import { createServer } from 'node:http';

// ${{ values.name }}: ${{ values.description | default('a new service') }}
createServer((_request, response) => response.end('hello from ${{ values.name }}\n')).listen(3000);
