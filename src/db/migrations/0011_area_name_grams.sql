-- Area names are searched by any fragment ("城关", "三闸"): the character-gram GIN index of migration
-- 0002 serves one- and two-character fragments too, which a trigram index cannot.
create index area_name_grams_idx on area using gin (fq_grams(name));
