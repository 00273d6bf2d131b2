import type { AreaGeometry, Ring } from '../../src/kernel/geometry.js';
import { polygonsOf, ringArea } from '../../src/kernel/geometry.js';

/**
 * A minimal polygon Shapefile writer (.shp, .shx, .dbf with UTF-8 text fields, .prj, .cpg) and a stored (uncompressed)
 * zip around it: what a GIS exports, small enough to build in a test. ESRI Shapefile Technical Description, 1998.
 */
const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

export interface ShapeRecord {
  geometry: AreaGeometry;
  properties: Record<string, string>;
}

/** Shapefile rings: outer rings clockwise, holes counter-clockwise (the reverse of GeoJSON's rule). */
function shpRings(g: AreaGeometry): Ring[] {
  return polygonsOf(g).flatMap((polygon) =>
    polygon.map((ring, i) => {
      const clockwise = ringArea(ring) < 0;
      return (i === 0) === clockwise ? ring : [...ring].reverse();
    }),
  );
}

function header(lengthWords: number, box: number[]): Buffer {
  const b = Buffer.alloc(100);
  b.writeInt32BE(9994, 0);
  b.writeInt32BE(lengthWords, 24);
  b.writeInt32LE(1000, 28);
  b.writeInt32LE(5, 32);
  box.forEach((v, i) => {
    b.writeDoubleLE(v, 36 + i * 8);
  });
  return b;
}

function writeShp(records: ShapeRecord[]): { shp: Buffer; shx: Buffer } {
  const contents = records.map((r) => {
    const rings = shpRings(r.geometry);
    const points = rings.flat();
    const c = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    c.writeInt32LE(5, 0);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => {
      c.writeDoubleLE(v, 4 + i * 8);
    });
    c.writeInt32LE(rings.length, 36);
    c.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((ring, i) => {
      c.writeInt32LE(start, 44 + i * 4);
      start += ring.length;
    });
    points.forEach(([x, y], i) => {
      c.writeDoubleLE(x, 44 + 4 * rings.length + i * 16);
      c.writeDoubleLE(y, 52 + 4 * rings.length + i * 16);
    });
    return c;
  });
  const all = records.flatMap((r) => polygonsOf(r.geometry).flat(2));
  const box = [
    Math.min(...all.map((p) => p[0])),
    Math.min(...all.map((p) => p[1])),
    Math.max(...all.map((p) => p[0])),
    Math.max(...all.map((p) => p[1])),
    0,
    0,
    0,
    0,
  ];
  const shpParts: Buffer[] = [];
  const shxParts: Buffer[] = [];
  let offset = 50;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    shpParts.push(rh, c);
    const x = Buffer.alloc(8);
    x.writeInt32BE(offset, 0);
    x.writeInt32BE(c.length / 2, 4);
    shxParts.push(x);
    offset += 4 + c.length / 2;
  });
  return {
    shp: Buffer.concat([header(offset, box), ...shpParts]),
    shx: Buffer.concat([header(50 + 4 * records.length, box), ...shxParts]),
  };
}

function writeDbf(records: ShapeRecord[]): Buffer {
  const fields = Object.keys(records[0]?.properties ?? {});
  const widths = fields.map((f) => Math.max(10, ...records.map((r) => Buffer.byteLength(r.properties[f] ?? ''))));
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const h = Buffer.alloc(headerLength);
  h.writeUInt8(3, 0);
  h.writeUInt8(126, 1);
  h.writeUInt8(1, 2);
  h.writeUInt8(1, 3);
  h.writeUInt32LE(records.length, 4);
  h.writeUInt16LE(headerLength, 8);
  h.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    h.write(f.slice(0, 10), 32 + i * 32, 'latin1');
    h.write('C', 32 + i * 32 + 11, 'latin1');
    h.writeUInt8(widths[i]!, 32 + i * 32 + 16);
  });
  h.writeUInt8(0x0d, headerLength - 1);
  const rows = records.map((r) => {
    const b = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    fields.forEach((f, i) => {
      b.write(r.properties[f] ?? '', at, 'utf8');
      at += widths[i]!;
    });
    return b;
  });
  return Buffer.concat([h, ...rows, Buffer.from([0x1a])]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of stored (uncompressed) entries. */
export function zipStored(files: Record<string, Buffer>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    local.push(lh, n, data);
    central.push(ch, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/** A zipped polygon Shapefile of the records, in WGS-84, with UTF-8 attributes. */
export function zippedShapefile(records: ShapeRecord[], name = 'areas'): Buffer {
  const { shp, shx } = writeShp(records);
  return zipStored({
    [`${name}.shp`]: shp,
    [`${name}.shx`]: shx,
    [`${name}.dbf`]: writeDbf(records),
    [`${name}.prj`]: Buffer.from(WGS84_PRJ),
    [`${name}.cpg`]: Buffer.from('UTF-8'),
  });
}
