from .cli import main

if __name__ == "__main__":  # guarded: Dask's worker processes import the main module
    raise SystemExit(main())
