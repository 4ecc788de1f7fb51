"""``python -m tunesmith.cli``: the same as the ``tunesmith`` command."""

from tunesmith.cli import main

if __name__ == "__main__":
    main()
