"""`python -m qaward_site` and the `qaward` command. Ctrl-C while the command is still loading
(half a second of imports) is said as any Ctrl-C is, never as a traceback."""

import sys


def run() -> None:
    try:
        from qaward_site.cli import main
    except KeyboardInterrupt:
        from qaward_site.vocabulary import INTERRUPTED

        print(INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
