/** The part of d3-delaunay (ISC, ships no types) that the demo partition uses. */
declare module 'd3-delaunay' {
  export class Voronoi {
    /** The cell of point i as a closed ring, or null for a coincident point. */
    cellPolygon(i: number): Array<[number, number]> | null;
  }
  export class Delaunay {
    static from(points: ArrayLike<[number, number]>): Delaunay;
    /** The index of the input point nearest to (x, y); i is where the walk starts. */
    find(x: number, y: number, i?: number): number;
    voronoi(bounds: [number, number, number, number]): Voronoi;
  }
}
