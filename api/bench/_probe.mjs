import { httpClient, load, startApi, line, HEADER } from './common.mjs';
const api = await startApi(1, 3700);
const http = httpClient(api.urls, 40);
console.log(HEADER);
for (const path of ['/api/health', '/api/orgs', '/api/orgs/bench-isfahan/problems/map?bbox=51.67,32.65,51.68,32.66&zoom=16']) {
  for (const cookie of [{}, { cookie: 'hm_csrf=abc' }]) {
    const r = await load({ concurrency: 20, seconds: 4, warmupSeconds: 1, task: async () => (await http.send('GET', path, cookie)).status === 200 });
    console.log(line(path.slice(0, 30) + (cookie.cookie ? ' +csrf' : ''), r));
  }
}
http.close(); await api.stop();
