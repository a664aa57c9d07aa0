import { buildCorpus } from '../demands-corpus';
for (const d of buildCorpus(8, 1)) console.log(d.themes.join(','), '|', d.text);
