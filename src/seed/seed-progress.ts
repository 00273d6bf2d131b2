/** Reports a seeding phase's progress: what is being built, n of N done. */
export type SeedProgress = (what: string, n: number, total: number) => void;
