"""Running it: paths in, a `Timeline` out.

`pipeline` is the library API (`chrono.reconstruct`); `analysis` is the per-document stage
and its digest, `assemble` the stage across documents over those digests. Documents are
analysed here or in worker processes (`parallel`) or on a Dask cluster (`distributed`);
their bulky parts wait on a `shelf` (memory or disk); `progress` draws the progress line.
"""
