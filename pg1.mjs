import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
let t=Date.now();
const db = new PGlite({ extensions: { pg_trgm } });
await db.waitReady; console.log('start', Date.now()-t);
await db.exec(`create extension if not exists pg_trgm; create table r(id int, poly polygon, bb box); create index on r using gist(bb); create index on r using gist(poly);`);
await db.exec(`insert into r values (1, polygon '((0,0),(10,0),(10,10),(0,10))', box '((0,0),(10,10))'), (2, polygon '((10,0),(20,0),(20,10),(10,10))', box '((10,0),(20,10))')`);
for (const [x,y] of [[5,5],[10,5],[0,0],[10.0000001,5],[25,5],[20,10]]) {
  const r = await db.query(`select id, poly @> point($1,$2) as inpoly, bb @> point($1,$2) as inbox, point($1,$2) <-> path(poly) as dpath from r order by id`, [x,y]);
  console.log(x,y, JSON.stringify(r.rows));
}
const r2 = await db.query(`explain select id from r where bb @> point(1,1)`); console.log(r2.rows);
t=Date.now(); const dump = await db.dumpDataDir('gzip'); console.log('dump', Date.now()-t, dump.size);
t=Date.now(); const db2 = new PGlite({ loadDataDir: dump, extensions: { pg_trgm } }); await db2.waitReady; console.log('load', Date.now()-t, (await db2.query('select count(*) from r')).rows);
console.log((await db2.query('select version()')).rows);
