"""Each user action, written once: the command line and the tray both call these.

No Qt here, and nothing is printed: a flow returns what happened (with notices to show) or
raises an ElevateError whose sentence says what happened and what to do. The callers only
parse, ask, show and forward.
"""
