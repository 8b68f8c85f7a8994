"""The command handlers of `python -m dashboard COMMAND` (parser: dashboard/cli.py).

One module per command, each with `run(args) -> int` (the exit code). A handler checks
the person's input, raises dashboard.errors.UserError with a message that says where and
what, and calls the domain modules (generator, validation, ingest, template, export);
those never import the command line.
"""
