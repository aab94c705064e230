"""How the C allocator hands back the pages of large blocks, in a process that parses a large document.

glibc serves a block of 128 KiB or more with a mapping of its own, and each time such a block is
freed it raises that threshold to the block's size (up to 32 MiB).  A large document's bytes are
freed once they are decoded; from then on the stages' columns and lists, a few MB each, come from
the heap, and when a stage lets them go their pages stay with the process, where the objects of
the later stages (allocated by Python's own allocator, in mappings of their own) cannot use them.
The peak of a run then holds both.  A threshold set once keeps large blocks mapped, and a freed
one goes back to the system at once: on 5 MB of bare markers the peak of a --json run falls from
about 600 to 500 MB, on 50 MB of reports from 534 to 462 MB, at the same speed.

Set for this process only, by the command line's loader (``batch.load``) when an input is large:
a program that imports the library keeps its allocator as it was.
"""

from __future__ import annotations

import sys

#: mallopt's parameter for the mapping threshold (malloc.h), and glibc's own default for it.
_M_MMAP_THRESHOLD = -3
_THRESHOLD = 128 * 1024

_set = False


def keep_large_blocks_mapped() -> bool:
    """Fix glibc's mapping threshold at its default, once per process; True when it was set.

    Elsewhere (another C library, another system) nothing is changed.
    """
    global _set
    if _set:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes  # only here: its import costs a few milliseconds of start-up

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    # glibc returns 1 on success; musl's mallopt is a stub that changes nothing and returns 0.
    _set = bool(mallopt(_M_MMAP_THRESHOLD, _THRESHOLD) == 1)
    return _set
