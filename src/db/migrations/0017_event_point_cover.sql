-- Zoomed-in event tiles (z >= 15, src/services/map.service.ts eventPoints) read every event of the
-- period inside the tile. At 10M events a tile over a town holds thousands to tens of thousands of
-- events, each on its own heap page (0.6–1.6 s a tile, bench/map-tiles.ts). The point index now
-- carries every column that query reads, so the tile is an index-only scan: the heap is visited only
-- for pages not yet marked all-visible (rows written since the last vacuum).
drop index if exists event_point_idx;
create index if not exists event_point_cover_idx on event using gist (point(lng, lat))
  include (lng, lat, grid_code, created_at, category_code, status, channel, id, number);
